"""Moderation: editors submit, the group "Redaktion" approves; scheduled publishing."""

import datetime
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, TaskState, WorkflowState

from zib.demo.content import pages as pages_demo
from zib.demo.services import DemoContext

from .factories import ContentPageFactory


@pytest.fixture
def workflow_setup(home_page):
    pages_demo._groups(home_page)
    ctx = DemoContext(pages={"home": home_page})
    pages_demo.set_up_workflow(ctx)
    return ctx


def make_user(name, group):
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "pw-1234-abcd")
    user.groups.add(Group.objects.get(name=group))
    return user


def test_workflow_is_assigned_and_loading_twice_changes_nothing(home_page, workflow_setup):
    workflow = workflow_setup.extra["workflow"]
    assert workflow.name == "Redaktionelle Freigabe"
    assert [task.name for task in workflow.tasks] == ["Freigabe durch die Redaktion"]
    assert list(workflow.tasks[0].specific.groups.values_list("name", flat=True)) == ["Redaktion"]
    page = ContentPageFactory(parent=home_page)
    assert page.get_workflow() == workflow
    pages_demo._groups(home_page)
    pages_demo.set_up_workflow(workflow_setup)
    assert workflow.workflow_pages.count() == 1
    assert Group.objects.filter(name__in=["Redaktion", "Redakteur*innen"]).count() == 2


def test_workflow_moves_to_the_news_index_when_there_is_one(home_page, workflow_setup):
    news = ContentPageFactory(parent=home_page, title="Aktuelles")
    workflow_setup.pages["news"] = news
    pages_demo.set_up_workflow(workflow_setup)
    workflow = workflow_setup.extra["workflow"]
    assert list(workflow.workflow_pages.values_list("page_id", flat=True)) == [news.pk]
    assert ContentPageFactory(parent=news).get_workflow() == workflow


def test_editor_submits_and_redaktion_approves(home_page, workflow_setup):
    editor = make_user("autorin", "Redakteur*innen")
    moderator = make_user("redaktion", "Redaktion")
    page = ContentPageFactory(parent=home_page, live=False, title="Neue Meldung")

    assert page.permissions_for_user(editor).can_edit()
    assert not page.permissions_for_user(editor).can_publish()
    assert page.permissions_for_user(moderator).can_publish()

    page.save_revision(user=editor)
    workflow_state = page.get_workflow().start(page, editor)
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    task_state = workflow_state.current_task_state
    task = task_state.task.specific
    assert task.get_actions(page, editor) == []
    assert "approve" in [name for name, *_ in task.get_actions(page, moderator)]

    task.on_action(task_state, moderator, "approve")
    page.refresh_from_db()
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED
    assert page.live


def test_scheduled_publishing(home_page):
    page = ContentPageFactory(parent=home_page, live=False, title="Geplant")
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()  # with go_live_at in the future this only schedules
    page.refresh_from_db()
    assert not page.live
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None

    call_command("publish_scheduled")
    assert not Page.objects.get(pk=page.pk).live

    an_hour_later = timezone.now() + datetime.timedelta(hours=1, minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=an_hour_later):
        call_command("publish_scheduled")
    assert Page.objects.get(pk=page.pk).live
