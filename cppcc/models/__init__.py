from .calendar import CalendarDay
from .files import PrivateFile
from .inbox import Message
from .jobs import Job
from .pages import HomePage, NewsIndexPage, NewsPage

__all__ = ["CalendarDay", "PrivateFile", "Message", "Job", "HomePage", "NewsIndexPage", "NewsPage"]
