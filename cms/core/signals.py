from django.dispatch import Signal

# Sent with `agency_ids` when the portals that show those agencies' records change (an agency
# moved in the tree, or its records were reassigned by a merge). The search index listens.
agency_scope_changed = Signal()
