"""All models, imported here so that the metadata is complete wherever it is used."""

from storage.models.base import Base, utcnow
from storage.models.casework import (
    Alert,
    AssistanceCase,
    Caseworker,
    CaseworkerAddress,
    CaseworkerDivision,
    CaseworkTask,
    UnemploymentRegistration,
)
from storage.models.checkins import (
    PreparedCheckin,
    PreparedEvent,
    PreparedFire,
    PreparedOutbox,
    PushAttempt,
    ScheduledFire,
    WeChatSubscription,
)
from storage.models.console import ConsoleLogin, ConsoleSession, ContactRecord, LoginFailure
from storage.models.forms import FormChange, InfoForm, RosterEntry, RosterReviewFlag
from storage.models.integration import IntegrationToken
from storage.models.jobs import JobApplication, MatchOffer, MatchPush, Training, Vacancy
from storage.models.messaging import InboundMessage, OutboxMessage
from storage.models.people import ChannelAccount, Conversation, EventLog, Person
from storage.models.sms import SmsDeliveryReport
from storage.models.system import ApiToken, AuditLog, Lease, WechatRequest

__all__ = [
    "Alert",
    "ApiToken",
    "AssistanceCase",
    "AuditLog",
    "Base",
    "CaseworkTask",
    "Caseworker",
    "CaseworkerAddress",
    "CaseworkerDivision",
    "ChannelAccount",
    "ConsoleLogin",
    "ConsoleSession",
    "ContactRecord",
    "Conversation",
    "EventLog",
    "FormChange",
    "InboundMessage",
    "InfoForm",
    "IntegrationToken",
    "JobApplication",
    "Lease",
    "LoginFailure",
    "MatchOffer",
    "MatchPush",
    "OutboxMessage",
    "Person",
    "PreparedCheckin",
    "PreparedEvent",
    "PreparedFire",
    "PreparedOutbox",
    "PushAttempt",
    "RosterEntry",
    "RosterReviewFlag",
    "ScheduledFire",
    "SmsDeliveryReport",
    "Training",
    "UnemploymentRegistration",
    "Vacancy",
    "WeChatSubscription",
    "WechatRequest",
    "utcnow",
]
