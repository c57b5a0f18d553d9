from .audit import AuditAction, AuditEvent, AuditResult
from .brand import AdminBrand
from .calendar import CalendarDay
from .files import PrivateFile
from .inbox import Message
from .jobs import Job
from .once import OnceToken
from .notify import Delivery, NotificationPreference
from .pages import HomePage, NewsIndexPage, NewsPage

__all__ = [
    "AdminBrand", "AuditAction", "AuditEvent", "AuditResult", "CalendarDay", "PrivateFile", "Message", "Job", "OnceToken", "Delivery",
    "NotificationPreference", "HomePage", "NewsIndexPage", "NewsPage",
]
