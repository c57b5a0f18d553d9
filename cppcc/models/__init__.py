from .files import PrivateFile
from .jobs import Job
from .pages import HomePage, NewsIndexPage, NewsPage

__all__ = ["PrivateFile", "Job", "HomePage", "NewsIndexPage", "NewsPage"]
