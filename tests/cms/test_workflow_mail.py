"""Workflow e-mails in Vietnamese, over a real SMTP server: the portal's approvers, then its editorial
board, learn that a page waits for them, its editor that it was approved or sent back with the
approver's comment, and no
subject or text carries a known English word. Province administrators are not mailed for every
submission in the province."""

import pytest
from django.contrib.auth.models import Group

from tests.english import ENGLISH
from tests.factories import child, make_user, news_article, portal_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(province):
    justice = province["portals"]["justice"]
    return {
        "editor": make_user("bientap.thu", justice.editors_group),
        "approver": make_user("duyet.thu", justice.approvers_group),
        "board": make_user("banbientap.thu", Group.objects.get(name="STP — Ban biên tập")),
        "province": make_user("quantri.thu", is_superuser=True, is_staff=True),
        "news": child(portal_home(justice), "tin-tuc"),
    }


def submitted(people, slug):
    article = news_article(people["news"], slug=slug, title="Tập huấn nghiệp vụ hộ tịch", live=False)
    article.save_revision(user=people["editor"])
    return article.get_workflow().start(article, people["editor"])


def act(workflow_state, user, action, **kwargs):
    task_state = workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, user, action, **kwargs)


def english_in(message, mailbox):
    text = f"{mailbox.subject(message)}\n{mailbox.text(message)}"
    return sorted({line.strip() for line in text.splitlines() if ENGLISH.search(line)})


def test_approval_is_mailed_in_vietnamese(people, smtp_server):
    workflow_state = submitted(people, "duoc-duyet")
    assert [message["To"] for message in smtp_server.messages] == ["duyet.thu@example.com"]
    assert "Tập huấn nghiệp vụ hộ tịch" in smtp_server.subject(smtp_server.messages[0])
    act(workflow_state, people["approver"], "approve")
    act(workflow_state, people["board"], "approve")
    assert [message["To"] for message in smtp_server.messages][1:] == ["banbientap.thu@example.com",
                                                                        "bientap.thu@example.com"]
    for message in smtp_server.messages:
        assert english_in(message, smtp_server) == []


def test_rejection_is_mailed_with_the_comment_in_vietnamese(people, smtp_server):
    workflow_state = submitted(people, "bi-tra-lai")
    act(workflow_state, people["approver"], "reject", comment="Bổ sung nguồn tin trước khi đăng.")
    to_editor = [message for message in smtp_server.messages if message["To"] == "bientap.thu@example.com"]
    assert len(to_editor) == 1
    assert "Bổ sung nguồn tin trước khi đăng." in smtp_server.text(to_editor[0])
    for message in smtp_server.messages:
        assert english_in(message, smtp_server) == []
