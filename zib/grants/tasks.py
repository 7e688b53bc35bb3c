"""Background tasks of the grants app (django-tasks)."""

from django_tasks import task

from .services import apply_retention


@task()
def run_retention():
    """The retention run, for a scheduler that enqueues tasks instead of calling the command."""
    return apply_retention()
