"""All models, imported here so that the metadata is complete wherever it is used."""

from storage.models.base import Base, utcnow
from storage.models.checkins import PushAttempt, ScheduledFire, WeChatSubscription
from storage.models.forms import FormChange, InfoForm, RosterEntry, RosterReviewFlag
from storage.models.messaging import InboundMessage, OutboxMessage
from storage.models.people import ChannelAccount, Conversation, EventLog, Person
from storage.models.sms import SmsDeliveryReport
from storage.models.system import ApiToken, AuditLog, Lease

__all__ = [
    "ApiToken",
    "AuditLog",
    "Base",
    "ChannelAccount",
    "Conversation",
    "EventLog",
    "FormChange",
    "InboundMessage",
    "InfoForm",
    "Lease",
    "OutboxMessage",
    "Person",
    "PushAttempt",
    "RosterEntry",
    "RosterReviewFlag",
    "ScheduledFire",
    "SmsDeliveryReport",
    "WeChatSubscription",
    "utcnow",
]
