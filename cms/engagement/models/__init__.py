"""Engagement models: the citizens' records (records.py) and the page types that collect and show
them (pages.py)."""

from cms.engagement.models.records import (
    RESPONDED_STATUSES, CommentStatus, DraftComment, Question, QuestionStatus, Rating, RatingLevel, new_tracking_code,
)
from cms.engagement.models.pages import ConsultationDraftPage, ConsultationIndexPage, QuestionIndexPage
from cms.engagement.models.subscriptions import Delivery, Frequency, Subscription, Topic

__all__ = [
    "RESPONDED_STATUSES", "CommentStatus", "ConsultationDraftPage", "ConsultationIndexPage", "Delivery", "DraftComment",
    "Frequency", "Question", "QuestionIndexPage", "QuestionStatus", "Rating", "RatingLevel", "Subscription", "Topic",
    "new_tracking_code",  # named by migration 0001
]
