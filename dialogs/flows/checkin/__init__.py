"""Scheduled check-ins (PRODUCT.md journey 4); the flow diagram is in checkin.mmd beside it."""

from dialogs.flows.checkin.flow import CHECKIN, CheckinFlow

__all__ = ["CHECKIN", "CheckinFlow"]
