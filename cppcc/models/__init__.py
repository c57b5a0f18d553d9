from .calendar import CalendarDay
from .files import PrivateFile
from .jobs import Job
from .pages import HomePage, NewsIndexPage, NewsPage

__all__ = ["CalendarDay", "PrivateFile", "Job", "HomePage", "NewsIndexPage", "NewsPage"]
