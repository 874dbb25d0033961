from django.core.management import call_command


def run_worker():
    """The background worker as deployed (django-tasks' db_worker), until no job is ready."""
    call_command("db_worker", "--backend", "jobs", "--batch", "--no-startup-delay", verbosity=0)
