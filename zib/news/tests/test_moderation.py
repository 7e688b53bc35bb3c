"""News goes through Wagtail's moderation workflow like any page."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupApprovalTask, GroupPagePermission, Workflow, WorkflowPage, WorkflowTask

from .factories import NewsArticlePageFactory


@pytest.fixture
def workflow(news_index):
    editors = Group.objects.create(name="Redaktion")
    moderators = Group.objects.create(name="Freigabe")
    for group in (editors, moderators):
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        for codename in ("add_page", "change_page"):
            GroupPagePermission.objects.create(
                group=group, page=news_index, permission=Permission.objects.get(codename=codename)
            )
    GroupPagePermission.objects.create(
        group=moderators, page=news_index, permission=Permission.objects.get(codename="publish_page")
    )
    workflow = Workflow.objects.create(name="Freigabe Aktuelles")
    task = GroupApprovalTask.objects.create(name="Freigabe durch die Leitung")
    task.groups.add(moderators)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=news_index)
    return workflow, editors, moderators


def test_article_is_published_only_after_approval(client, news_index, workflow, django_user_model):
    wf, editors, moderators = workflow
    editor = django_user_model.objects.create_user("redakteurin", password="x")
    editor.groups.add(editors)
    boss = django_user_model.objects.create_user("leitung", password="x")
    boss.groups.add(moderators)

    article = NewsArticlePageFactory(parent=news_index, title="Zur Freigabe", live=False)
    assert article.get_workflow() == wf
    article.save_revision(user=editor)
    state = wf.start(article, editor)
    article.refresh_from_db()
    assert not article.live
    assert state.current_task_state.task.name == "Freigabe durch die Leitung"
    assert "Zur Freigabe" not in client.get("/de/aktuelles/").content.decode()

    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, boss, "approve")
    article.refresh_from_db()
    assert article.live
    assert "Zur Freigabe" in client.get("/de/aktuelles/").content.decode()


def test_editor_without_publish_permission_cannot_publish(news_index, workflow, django_user_model):
    _wf, editors, _moderators = workflow
    editor = django_user_model.objects.create_user("redakteur", password="x")
    editor.groups.add(editors)
    article = NewsArticlePageFactory(parent=news_index, live=False)
    permissions = article.permissions_for_user(editor)
    assert permissions.can_edit()
    assert not permissions.can_publish()
