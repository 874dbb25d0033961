"""English words that the Vietnamese admin must not show (the untranslated-string checks)."""

import re

# Words of Wagtail's English interface that no Vietnamese sentence of ours contains. Proper names
# (Wagtail, JavaScript, PDF…) are not in the list, nor "None", which Wagtail 8.0's page search prints
# for a missing value after its result count (a rendering slip, not a string to translate).
ENGLISH = re.compile(
    r"\b(the|and|of|your|you|this|Page|Pages|Edit|Delete|Add|Search|Draft|Live|Status|Actions?|Title|Updated|Owner|"
    r"Save|Publish|Unpublish|Cancel|Settings|Reports?|Help|Users?|Groups?|Workflows?|Collections?|Locked|Showing|"
    r"results|Dashboard|guide|Preview|History|Select|Clear|Choose|Upload|More options|Sort by|Filter|Yes|"
    r"Sites?|Images?|Documents?|Snippets?|Account|Comments?|Revisions?|Privacy|Redirects?|Sidebar|Toggle|Close|"
    r"minutes?|hours?|days?|weeks?|months?|years?|ago|just now|Password|Username|Enter|Sign in|Log in)\b"
)
