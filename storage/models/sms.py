"""SMS delivery reports: every report Kannel sends back for an outbox message, in arrival order."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, utcnow


class SmsDeliveryReport(Base):
    """One delivery report; OutboxMessage.delivery_status holds the summary (the most final report)."""

    __tablename__ = "sms_delivery_report"

    id: Mapped[int] = mapped_column(primary_key=True)
    outbox_id: Mapped[int] = mapped_column(ForeignKey("outbox_message.id", ondelete="CASCADE"), index=True)
    # Kannel's DLR type (%d): 1 delivered, 2 failed, 4 buffered, 8 accepted by the SMSC, 16 rejected.
    dlr_type: Mapped[int] = mapped_column(SmallInteger)
    status: Mapped[str] = mapped_column(String(16))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
