"""The follow-up seven days after an application: did the interview happen, was the person taken on."""

from dialogs.flows.follow_up.flow import FOLLOW_UP, FollowUpFlow

__all__ = ["FOLLOW_UP", "FollowUpFlow"]
