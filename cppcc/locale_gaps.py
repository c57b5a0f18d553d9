"""Wagtail's and django-filter's messages that our admin shows but their zh_Hans catalogues lack.

Wagtail's Chinese catalogue is about 78% complete, and django-filter ships only zh_CN, which
Django never loads for zh-hans. Without this module our Chinese admin would show English buttons,
sort links, filter labels and messages among the Chinese ones.

Nothing imports this module at run time. It exists for ``makemessages``: each msgid below
(``gettext_noop``; ``ngettext_lazy`` for plurals; ``pgettext_lazy`` would carry a msgctxt, none
is needed yet) is collected into OUR catalogue, locale/zh_Hans/LC_MESSAGES/django.po, which Django
consults before any app's catalogue because it is in LOCALE_PATHS. The Chinese text lives there
and survives every regeneration (scripts/messages.sh) because the msgid is kept alive here.
cppcc/locale_gaps.js does the same for the admin's JavaScript messages (djangojs.po).
tests/cppcc/test_translations.py fails if any of them is left untranslated.

How the list was made (redo it when upgrading Wagtail): take every msgid of the installed
Wagtail apps' ``locale/en`` catalogues and django-filter's, keep those with no translation in the
merged zh_Hans catalogues of the installed apps (Django's included), and drop the ones our setup
never shows (the API-token screens need wagtail.api.v3, the upgrade and what's-new banners are
switched off, WAGTAIL_I18N_ENABLED is False, there are no form pages). Entries are grouped by the
app that owns them; each comment names where that app uses the message. Copy msgids exactly,
punctuation and HTML included: a changed character is a different msgid.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

GAPS = (
    # --- wagtail.admin: dashboard, listings, filters, forms, editor, history, usage, account
    # wagtail/admin/forms/account.py:62
    gettext_noop("Use server language: %(language_name)s"),
    # wagtail/admin/forms/pages.py:112
    gettext_noop("You do not have permission to publish pages at \"%(page_title)s\""),
    # wagtail/admin/forms/pages.py:249
    gettext_noop("The slug '%(page_slug)s' is already in use within the parent page."),
    # wagtail/admin/forms/pages.py:303
    gettext_noop("The new page will be a child of this given parent page."),
    # wagtail/admin/forms/tags.py:22
    gettext_noop("Tag(s) %(value_too_long)s are over %(max_tag_length)d characters."),
    # wagtail/admin/models.py:20
    gettext_noop("Can access Wagtail admin"),
    # wagtail/admin/paginator.py:17
    gettext_noop("item"),
    # wagtail/admin/paginator.py:23
    gettext_noop("items"),
    # wagtail/admin/templates/wagtailadmin/base.html:40
    gettext_noop("Go to the first error"),
    # wagtail/admin/templates/wagtailadmin/generic/confirm_workflow_cancellation.html:14
    gettext_noop("This %(model_name)s is currently at <strong>%(task)s</strong> in <strong>%(workflow)s</strong>."),
    # wagtail/admin/templates/wagtailadmin/generic/confirm_workflow_cancellation.html:20
    gettext_noop("Publishing this %(model_name)s will cancel the current workflow."),
    # wagtail/admin/templates/wagtailadmin/generic/form.html:67
    gettext_noop("Actions (footer)"),
    # wagtail/admin/templates/wagtailadmin/generic/index_results.html:14
    gettext_noop("There are no %(model_name)s to display. Why not <a href=\"%(add_url)s\">add one</a>?"),
    # wagtail/admin/templates/wagtailadmin/generic/preview_error.html:12
    gettext_noop("Preview cannot display due to validation errors. <br /> Click save to highlight the relevant fields."),
    # wagtail/admin/templates/wagtailadmin/generic/revisions/compare.html:34
    ngettext_lazy("Moved down 1 place.", "Moved down %(counter)s places.", 1),
    # wagtail/admin/templates/wagtailadmin/generic/revisions/compare.html:40
    ngettext_lazy("Moved up 1 place.", "Moved up %(counter)s places.", 1),
    # wagtail/admin/templates/wagtailadmin/home/account_summary.html:18
    gettext_noop("Wagtail %(current_version)s editor guide"),
    # wagtail/admin/templates/wagtailadmin/home/locked_pages.html:16 wagtail/admin/templates/wagtailadmin/home/recent_edits.html:17 ...
    gettext_noop("Privacy and access"),
    # wagtail/admin/templates/wagtailadmin/home/site_summary_pages.html:6
    ngettext_lazy("%(total)s Page <span class=\"w-sr-only\">created in %(site_name)s</span>", "%(total)s Pages <span class=\"w-sr-only\">created in %(site_name)s</span>", 1),
    # wagtail/admin/templates/wagtailadmin/home/user_objects_in_workflow_moderation.html:5
    gettext_noop("Your pages and snippets in a workflow"),
    # wagtail/admin/templates/wagtailadmin/notifications/task_state_approved.html:13 wagtail/admin/templates/wagtailadmin/notifications/task_state_approved.txt:8
    gettext_noop("The %(model_name)s \"%(title)s\" has been approved in moderation stage \"%(task)s\"."),
    # wagtail/admin/templates/wagtailadmin/notifications/task_state_approved_subject.txt:7
    gettext_noop("The %(model_name)s \"%(title)s\" has been approved in \"%(task)s\"."),
    # wagtail/admin/templates/wagtailadmin/notifications/task_state_rejected.html:13 wagtail/admin/templates/wagtailadmin/notifications/task_state_rejected.txt:8
    gettext_noop("The %(model_name)s \"%(title)s\" has been rejected in moderation stage \"%(task)s\"."),
    # wagtail/admin/templates/wagtailadmin/notifications/task_state_rejected_subject.txt:7
    gettext_noop("The %(model_name)s \"%(title)s\" has been rejected during \"%(task)s\"."),
    # wagtail/admin/templates/wagtailadmin/notifications/task_state_submitted.html:19
    gettext_noop("The %(model_name)s \"%(title)s\" has been submitted for approval in moderation stage \"%(task)s\"."),
    # wagtail/admin/templates/wagtailadmin/notifications/task_state_submitted.html:28 wagtail/admin/templates/wagtailadmin/notifications/task_state_submitted.txt:13
    gettext_noop("You can preview the %(model_name)s here:"),
    # wagtail/admin/templates/wagtailadmin/notifications/task_state_submitted.txt:10
    gettext_noop("The %(model_name)s \"%(title)s\" has been submitted for approval to moderation stage \"%(task)s\"."),
    # wagtail/admin/templates/wagtailadmin/notifications/task_state_submitted_subject.txt:7
    gettext_noop("The %(model_name)s \"%(title)s\" has been submitted for approval in moderation stage \"%(task)s\""),
    # wagtail/admin/templates/wagtailadmin/notifications/workflow_state_approved.html:12 wagtail/admin/templates/wagtailadmin/notifications/workflow_state_approved.txt:7
    gettext_noop("The %(model_name)s \"%(title)s\" has been approved in workflow \"%(workflow)s\"."),
    # wagtail/admin/templates/wagtailadmin/notifications/workflow_state_approved_subject.txt:7
    gettext_noop("The %(model_name)s \"%(title)s\" has been approved in \"%(workflow)s\"."),
    # wagtail/admin/templates/wagtailadmin/notifications/workflow_state_rejected.html:21 wagtail/admin/templates/wagtailadmin/notifications/workflow_state_rejected.txt:15
    gettext_noop("The %(model_name)s \"%(title)s\" has been rejected during \"%(task)s\" in workflow \"%(workflow)s\" by %(rejector)s."),
    # wagtail/admin/templates/wagtailadmin/notifications/workflow_state_rejected.html:28 wagtail/admin/templates/wagtailadmin/notifications/workflow_state_rejected.txt:19
    gettext_noop("The %(model_name)s \"%(title)s\" has been rejected during \"%(task)s\" in workflow \"%(workflow)s\"."),
    # wagtail/admin/templates/wagtailadmin/notifications/workflow_state_rejected_subject.txt:7
    gettext_noop("The %(model_name)s \"%(title)s\" has been rejected during \"%(workflow)s\"."),
    # wagtail/admin/templates/wagtailadmin/notifications/workflow_state_submitted.html:21 wagtail/admin/templates/wagtailadmin/notifications/workflow_state_submitted.txt:11
    gettext_noop("The %(model_name)s \"%(title)s\" has been submitted for moderation to workflow \"%(workflow)s\" by %(requester)s."),
    # wagtail/admin/templates/wagtailadmin/notifications/workflow_state_submitted.html:28 wagtail/admin/templates/wagtailadmin/notifications/workflow_state_submitted.txt:14
    gettext_noop("The %(model_name)s \"%(title)s\" has been submitted for moderation to workflow \"%(workflow)s\"."),
    # wagtail/admin/templates/wagtailadmin/notifications/workflow_state_submitted_subject.txt:4
    gettext_noop("The page \"%(title)s\" has been submitted to workflow \"%(workflow)s\""),
    # wagtail/admin/templates/wagtailadmin/notifications/workflow_state_submitted_subject.txt:7
    gettext_noop("The %(model_name)s \"%(title)s\" has been submitted to workflow \"%(workflow)s\""),
    # wagtail/admin/templates/wagtailadmin/page_privacy/no_privacy.html:2
    gettext_noop("Changing the privacy for this page has been disabled."),
    # wagtail/admin/templates/wagtailadmin/pages/confirm_delete.html:15
    ngettext_lazy("Deleting this page will also delete %(descendant_count)s child page.", "Deleting this page will also delete %(descendant_count)s more child pages.", 1),
    # wagtail/admin/templates/wagtailadmin/pages/confirm_unpublish.html:37
    ngettext_lazy("This page has one subpage. Unpublish this too", "This page has %(live_descendant_count)s subpages. Unpublish these too", 1),
    # wagtail/admin/templates/wagtailadmin/pages/confirm_workflow_cancellation.html:7
    gettext_noop("This page was marked as needing changes at <strong>%(task)s</strong> in <strong>%(workflow)s</strong>."),
    # wagtail/admin/templates/wagtailadmin/pages/confirm_workflow_cancellation.html:11
    gettext_noop("This page is currently at <strong>%(task)s</strong> in <strong>%(workflow)s</strong>."),
    # wagtail/admin/templates/wagtailadmin/pages/explorable_index_results.html:20
    gettext_noop("The root level is where you can add new sites to your Wagtail installation. Pages created here will not be accessible at any URL until they are associated with a site."),
    # wagtail/admin/templates/wagtailadmin/pages/explorable_index_results.html:28
    gettext_noop("If you just want to add pages to an existing site, create them as children of the homepage instead."),
    # wagtail/admin/templates/wagtailadmin/pages/explorable_index_results.html:33
    gettext_noop("Pages created here will not be accessible at any URL. To add pages to an existing site, create them as children of the homepage."),
    # wagtail/admin/templates/wagtailadmin/pages/explorable_index_results.html:46
    gettext_noop("There is no site set up for this location. Pages created here will not be accessible at any URL until a site is associated with this location."),
    # wagtail/admin/templates/wagtailadmin/pages/explorable_index_results.html:53
    gettext_noop("There is no site record for this location. Pages created here will not be accessible at any URL."),
    # wagtail/admin/templates/wagtailadmin/pages/listing/_locked_indicator.html:12
    gettext_noop("This page is locked, by you, to further editing"),
    # wagtail/admin/templates/wagtailadmin/pages/listing/_page_title_column_header.html:7
    gettext_noop("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s across entire site."),
    # wagtail/admin/templates/wagtailadmin/pages/listing/_page_title_column_header.html:11
    gettext_noop("No results across entire site."),
    # wagtail/admin/templates/wagtailadmin/pages/listing/_page_title_column_header.html:16
    gettext_noop("Search in '<span class=\"w-title-ellipsis\">%(title)s</span>'"),
    # wagtail/admin/templates/wagtailadmin/pages/listing/_page_title_column_header.html:20
    gettext_noop("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s in '<span class=\"w-title-ellipsis\">%(title)s</span>'."),
    # wagtail/admin/templates/wagtailadmin/pages/listing/_page_title_column_header.html:24
    gettext_noop("No results in '<span class=\"w-title-ellipsis\">%(title)s</span>'."),
    # wagtail/admin/templates/wagtailadmin/pages/listing/_page_title_column_header.html:32
    gettext_noop("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"),
    # wagtail/admin/templates/wagtailadmin/pages/search_results.html:32
    ngettext_lazy("There is one matching page", "There are %(counter)s matching pages", 1),
    # wagtail/admin/templates/wagtailadmin/panels/publishing/schedule_publishing_panel.html:3
    gettext_noop("Choose when this %(model_name)s should go live and/or expire"),
    # wagtail/admin/templates/wagtailadmin/panels/publishing/schedule_publishing_panel.html:9
    gettext_noop("Choose when this page should go live and/or expire"),
    # wagtail/admin/templates/wagtailadmin/panels/publishing/schedule_publishing_panel.html:11
    gettext_noop("This publishing schedule will only take effect after you select the \"Schedule to publish\" option"),
    # wagtail/admin/templates/wagtailadmin/panels/publishing/schedule_publishing_panel.html:13
    gettext_noop("Anyone with editing permissions can create schedules"),
    # wagtail/admin/templates/wagtailadmin/panels/publishing/schedule_publishing_panel.html:14
    gettext_noop("But only those with publishing permissions can make them effective."),
    # wagtail/admin/templates/wagtailadmin/reports/listing/_list_unlock.html:20
    gettext_noop("Locked by <b>you</b> at <b>%(locking_date)s</b>"),
    # wagtail/admin/templates/wagtailadmin/reports/listing/_list_unlock.html:24
    gettext_noop("Locked by <b>%(locked_by)s</b> at <b>%(locking_date)s</b>"),
    # wagtail/admin/templates/wagtailadmin/shared/active_filters.html:10
    gettext_noop("%(field_label)s:"),
    # wagtail/admin/templates/wagtailadmin/shared/autosave/indicator.html:27
    gettext_noop("Saved"),
    # wagtail/admin/templates/wagtailadmin/shared/autosave/indicator.html:33
    gettext_noop("Autosave is paused"),
    # wagtail/admin/templates/wagtailadmin/shared/avatar.html:35
    gettext_noop("Edit account avatar"),
    # wagtail/admin/templates/wagtailadmin/shared/dialog/confirm_site_name.html:4
    ngettext_lazy("This action will delete <b>%(total_pages_formatted)s</b> page in total.", "This action will delete <b>%(total_pages_formatted)s</b> pages in total.", 1),
    # wagtail/admin/templates/wagtailadmin/shared/dialog/confirm_site_name.html:12
    gettext_noop("Please type <b>%(wagtail_site_name)s</b> to confirm."),
    # wagtail/admin/templates/wagtailadmin/shared/editing_sessions/list.html:21 wagtail/admin/templates/wagtailadmin/shared/editing_sessions/list.html:110
    gettext_noop("You saved a new version in another window"),
    # wagtail/admin/templates/wagtailadmin/shared/editing_sessions/list.html:25 wagtail/admin/templates/wagtailadmin/shared/editing_sessions/list.html:48 ...
    gettext_noop("System"),
    # wagtail/admin/templates/wagtailadmin/shared/editing_sessions/list.html:25 wagtail/admin/templates/wagtailadmin/shared/editing_sessions/list.html:114
    gettext_noop("%(user_name)s saved a new version"),
    # wagtail/admin/templates/wagtailadmin/shared/editing_sessions/list.html:38 wagtail/admin/templates/wagtailadmin/shared/editing_sessions/module.html:18
    gettext_noop("View latest version"),
    # wagtail/admin/templates/wagtailadmin/shared/editing_sessions/list.html:44
    gettext_noop("You have unsaved changes in another window"),
    # wagtail/admin/templates/wagtailadmin/shared/editing_sessions/list.html:48
    gettext_noop("%(user_name)s has unsaved changes"),
    # wagtail/admin/templates/wagtailadmin/shared/editing_sessions/list.html:69
    gettext_noop("Currently idle"),
    # wagtail/admin/templates/wagtailadmin/shared/editing_sessions/list.html:71
    gettext_noop("Currently viewing"),
    # wagtail/admin/templates/wagtailadmin/shared/editing_sessions/list.html:80
    ngettext_lazy("One other user is currently viewing", "%(num_user)s other users are currently viewing", 1),
    # wagtail/admin/templates/wagtailadmin/shared/editing_sessions/list.html:123
    gettext_noop("Proceeding will overwrite the changes you made in that window."),
    # wagtail/admin/templates/wagtailadmin/shared/editing_sessions/list.html:127
    gettext_noop("Proceeding will overwrite the changes made by %(user_name)s."),
    # wagtail/admin/templates/wagtailadmin/shared/editing_sessions/list.html:133
    gettext_noop("Alternatively, you can view the latest version in a new tab."),
    # wagtail/admin/templates/wagtailadmin/shared/editing_sessions/module.html:8
    gettext_noop("A network error occurred"),
    # wagtail/admin/templates/wagtailadmin/shared/editing_sessions/module.html:11
    gettext_noop("Troubleshoot your connection to the site before proceeding. Open the editor in a separate tab to view the last saved version."),
    # wagtail/admin/templates/wagtailadmin/shared/keyboard_shortcuts_dialog.html:2
    gettext_noop("account"),
    # wagtail/admin/templates/wagtailadmin/shared/keyboard_shortcuts_dialog.html:7
    gettext_noop("Keyboard shortcuts are currently disabled; manage your %(account_link)s to enable them."),
    # wagtail/admin/templates/wagtailadmin/shared/keyboard_shortcuts_dialog.html:19
    gettext_noop("Section"),
    # wagtail/admin/templates/wagtailadmin/shared/keyboard_shortcuts_dialog.html:44
    gettext_noop("Keyboard shortcuts are currently enabled; manage your %(account_link)s to disable them."),
    # wagtail/admin/templates/wagtailadmin/shared/side_panels/checks.html:14 wagtail/admin/templates/wagtailadmin/userbar/base.html:54 ...
    gettext_noop("Show issue"),
    # wagtail/admin/templates/wagtailadmin/shared/side_panels/checks.html:29 wagtail/admin/templates/wagtailadmin/shared/side_panels/checks.html:49
    gettext_noop("Content metrics"),
    # wagtail/admin/templates/wagtailadmin/shared/side_panels/checks.html:34 wagtail/admin/templates/wagtailadmin/shared/side_panels/checks.html:54
    gettext_noop("Words"),
    # wagtail/admin/templates/wagtailadmin/shared/side_panels/checks.html:38 wagtail/admin/templates/wagtailadmin/shared/side_panels/checks.html:56
    gettext_noop("Reading time"),
    # wagtail/admin/templates/wagtailadmin/shared/side_panels/checks.html:42 wagtail/admin/templates/wagtailadmin/shared/side_panels/checks.html:58
    gettext_noop("Readability"),
    # wagtail/admin/templates/wagtailadmin/shared/side_panels/checks.html:48
    gettext_noop("This data explained"),
    # wagtail/admin/templates/wagtailadmin/shared/side_panels/checks.html:50
    gettext_noop("How we calculate our metrics"),
    # wagtail/admin/templates/wagtailadmin/shared/side_panels/checks.html:55
    gettext_noop("We extract the main content from the page preview, remove all formatting, and calculate the number of words."),
    # wagtail/admin/templates/wagtailadmin/shared/side_panels/checks.html:57
    gettext_noop("We calculate reading time from word count, using different reading speeds for different languages."),
    # wagtail/admin/templates/wagtailadmin/shared/side_panels/checks.html:59
    gettext_noop("We use a readability formula based on length of words and sentences. Long sentences and words result in a worse readability score."),
    # wagtail/admin/templates/wagtailadmin/shared/side_panels/checks.html:63
    gettext_noop("See our <a href=\"%(guide_link)s\" target=\"_blank\">content checks guide</a> for more information on how content metrics are calculated."),
    # wagtail/admin/templates/wagtailadmin/shared/side_panels/includes/status/locked.html:5
    gettext_noop("Locking: "),
    # wagtail/admin/templates/wagtailadmin/shared/side_panels/includes/status/locked.html:15
    gettext_noop("Anyone can edit this %(model_name)s – lock it to prevent others from editing"),
    # wagtail/admin/templates/wagtailadmin/shared/side_panels/includes/status/locked.html:19
    gettext_noop("Anyone can edit this %(model_name)s"),
    # wagtail/admin/templates/wagtailadmin/shared/side_panels/includes/status/privacy.html:47
    gettext_noop("Choose who can view the live version of this page"),
    # wagtail/admin/templates/wagtailadmin/shared/side_panels/includes/status/workflow.html:91
    gettext_noop("To be created by %(user)s"),
    # wagtail/admin/templates/wagtailadmin/shared/side_panels/includes/status/workflow.html:159
    gettext_noop("Invalid schedule"),
    # wagtail/admin/templates/wagtailadmin/shared/side_panels/includes/status/workflow.html:162 wagtail/admin/templates/wagtailadmin/shared/side_panels/includes/status/workflow.html:170
    gettext_noop("Go-live:"),
    # wagtail/admin/templates/wagtailadmin/shared/side_panels/includes/status/workflow.html:168
    gettext_noop("Once scheduled:"),
    # wagtail/admin/templates/wagtailadmin/shared/side_panels/preview.html:52
    gettext_noop("Refreshing…"),
    # wagtail/admin/templates/wagtailadmin/shared/side_panels/preview.html:58
    gettext_noop("Refresh"),
    # wagtail/admin/templates/wagtailadmin/shared/side_panels/preview.html:72
    gettext_noop("Correct the validation errors to resume preview (saving will highlight errors)"),
    # wagtail/admin/templates/wagtailadmin/shared/unsaved_changes_warning.html:14
    gettext_noop("Autosave is <span>paused</span>"),
    # wagtail/admin/templates/wagtailadmin/shared/unsaved_changes_warning.html:24
    gettext_noop("Save your changes before leaving"),
    # wagtail/admin/templates/wagtailadmin/shared/usage_summary.html:14
    ngettext_lazy("This %(model_name)s is referenced %(usage_count)s time.", "This %(model_name)s is referenced %(usage_count)s times.", 1),
    # wagtail/admin/templates/wagtailadmin/shared/usage_summary.html:23
    gettext_noop("One or more references to this %(model_name)s prevent it from being deleted."),
    # wagtail/admin/templates/wagtailadmin/shared/workflow_history/detail.html:18
    gettext_noop("Status %(status)s"),
    # wagtail/admin/templates/wagtailadmin/shared/workflow_history/detail.html:52 wagtail/admin/templates/wagtailadmin/shared/workflow_history/detail.html:68
    gettext_noop("%(action)s by <b>%(who)s</b> at <b>%(at)s</b>"),
    # wagtail/admin/templates/wagtailadmin/shared/workflow_history/detail.html:56 wagtail/admin/templates/wagtailadmin/shared/workflow_history/detail.html:72
    gettext_noop("%(action)s at <b>%(at)s</b>"),
    # wagtail/admin/templates/wagtailadmin/shared/workflow_history/detail.html:109 wagtail/admin/templates/wagtailadmin/shared/workflow_history/detail.html:120
    gettext_noop("%(action)s by <b>%(who)s</b>"),
    # wagtail/admin/templates/wagtailadmin/shared/workflow_history/listing_results.html:58
    gettext_noop("This %(model_name)s hasn't been submitted for moderation yet"),
    # wagtail/admin/templates/wagtailadmin/skeleton.html:28
    gettext_noop("JavaScript is required to use Wagtail, but it is currently disabled.<br /> Here are the <a href=\"https://www.enable-javascript.com/\" target=\"_blank\" rel=\"noreferrer\">instructions how to enable JavaScript in your web browser</a>."),
    # wagtail/admin/templates/wagtailadmin/tables/ordering_cell.html:14
    gettext_noop("Item %(index)s of %(total)s"),
    # wagtail/admin/templates/wagtailadmin/tables/ordering_header.html:4
    gettext_noop("Disable custom ordering"),
    # wagtail/admin/templates/wagtailadmin/tables/ordering_header.html:8
    gettext_noop("Enable custom ordering"),
    # wagtail/admin/templates/wagtailadmin/userbar/item_content_checker.html:7 wagtail/admin/ui/side_panels.py:339
    gettext_noop("Checks"),
    # wagtail/admin/templates/wagtailadmin/workflows/confirm_delete.html:9
    gettext_noop("This workflow is currently in progress on %(workflow_states_in_progress)s pages. Deleting this workflow will cancel moderation on these page. Are you sure you want to delete this workflow?"),
    # wagtail/admin/templates/wagtailadmin/workflows/create.html:13 wagtail/admin/templates/wagtailadmin/workflows/edit.html:29
    gettext_noop("Assign your workflow to snippets"),
    # wagtail/admin/templates/wagtailadmin/workflows/edit.html:35
    gettext_noop("This workflow is disabled so it cannot be assigned to any snippets."),
    # wagtail/admin/templates/wagtailadmin/workflows/includes/workflow_used_by_cell.html:21
    ngettext_lazy("1 snippet type", "%(counter)s snippet types", 1),
    # wagtail/admin/templates/wagtailadmin/workflows/task_chooser/includes/results.html:71
    gettext_noop("Why not <a class=\"create-one-now\" href=\"#tab-new\" data-action=\"w-tabs#select:prevent\" data-w-tabs-target=\"trigger\" data-w-tabs-focus-param=\"true\">create one now</a>?"),
    # wagtail/admin/templates/wagtailadmin/workflows/workflow_status.html:46
    gettext_noop("Cancelled by %(cancelled_by)s"),
    # wagtail/admin/templatetags/wagtailadmin_tags.py:533
    gettext_noop("More bulk actions"),
    # wagtail/admin/templatetags/wagtailadmin_tags.py:821
    gettext_noop("at %(time)s by %(user_display_name)s"),
    # wagtail/admin/templatetags/wagtailadmin_tags.py:826
    gettext_noop("at %(time)s"),
    # wagtail/admin/templatetags/wagtailadmin_tags.py:829
    gettext_noop("%(time)s by %(user_display_name)s"),
    # wagtail/admin/templatetags/wagtailadmin_tags.py:842
    gettext_noop("%(time_period)s ago by %(user_display_name)s"),
    # wagtail/admin/templatetags/wagtailadmin_tags.py:1330
    gettext_noop("Changes requested %(finished_at)s"),
    # wagtail/admin/templatetags/wagtailadmin_tags.py:1333
    gettext_noop("Sent to %(task_name)s %(started_at)s"),
    # wagtail/admin/templatetags/wagtailadmin_tags.py:1335
    gettext_noop("%(status_display)s %(task_name)s %(started_at)s"),
    # wagtail/admin/templatetags/wagtailadmin_tags.py:1367
    gettext_noop("Application"),
    # wagtail/admin/templatetags/wagtailadmin_tags.py:1368
    gettext_noop("Show keyboard shortcuts"),
    # wagtail/admin/templatetags/wagtailadmin_tags.py:1371
    gettext_noop("Toggle minimap"),
    # wagtail/admin/templatetags/wagtailadmin_tags.py:1372
    gettext_noop("Close modal dialogs (like this one)"),
    # wagtail/admin/templatetags/wagtailadmin_tags.py:1376
    gettext_noop("Save changes"),
    # wagtail/admin/templatetags/wagtailadmin_tags.py:1378
    gettext_noop("Add or show comments"),
    # wagtail/admin/templatetags/wagtailadmin_tags.py:1383
    gettext_noop("Text editing"),
    # wagtail/admin/templatetags/wagtailadmin_tags.py:1385
    gettext_noop("Cut"),
    # wagtail/admin/templatetags/wagtailadmin_tags.py:1386
    gettext_noop("Paste"),
    # wagtail/admin/templatetags/wagtailadmin_tags.py:1388
    gettext_noop("Paste and match style"),
    # wagtail/admin/templatetags/wagtailadmin_tags.py:1390
    gettext_noop("Paste without formatting"),
    # wagtail/admin/templatetags/wagtailadmin_tags.py:1400
    gettext_noop("Text formatting"),
    # wagtail/admin/templatetags/wagtailadmin_tags.py:1401
    gettext_noop("Insert or edit a link"),
    # wagtail/admin/templatetags/wagtailadmin_tags.py:1404
    gettext_noop("Monospace (code)"),
    # wagtail/admin/templatetags/wagtailadmin_tags.py:1405
    gettext_noop("Strike-through"),
    # wagtail/admin/ui/side_panels.py:268
    ngettext_lazy("Referenced %(count)s time", "Referenced %(count)s times", 1),
    # wagtail/admin/ui/side_panels.py:335
    gettext_noop("Toggle checks"),
    # wagtail/admin/ui/tables/__init__.py:269
    gettext_noop("(blank)"),
    # wagtail/admin/ui/tables/__init__.py:608
    gettext_noop("Sort by '%(label)s' in ascending order."),
    # wagtail/admin/ui/tables/__init__.py:611
    gettext_noop("Sort by '%(label)s' in descending order."),
    # wagtail/admin/ui/tables/orderable.py:20
    gettext_noop("'%(page_title)s' has been moved successfully."),
    # wagtail/admin/ui/tables/orderable.py:75
    gettext_noop("Focus on the drag button and press up or down arrows to move the item, then press enter to submit the change."),
    # wagtail/admin/userbar.py:122
    gettext_noop("Button text is empty"),
    # wagtail/admin/userbar.py:123 wagtail/admin/userbar.py:127 ...
    gettext_noop("Use meaningful text for screen reader users"),
    # wagtail/admin/userbar.py:126
    gettext_noop("Empty heading found"),
    # wagtail/admin/userbar.py:130
    gettext_noop("Table header text is empty"),
    # wagtail/admin/userbar.py:134
    gettext_noop("Empty frame title found"),
    # wagtail/admin/userbar.py:135
    gettext_noop("Use a meaningful title for screen reader users"),
    # wagtail/admin/userbar.py:138
    gettext_noop("Incorrect heading hierarchy"),
    # wagtail/admin/userbar.py:139
    gettext_noop("Avoid skipping levels"),
    # wagtail/admin/userbar.py:142
    gettext_noop("Input button text is empty"),
    # wagtail/admin/userbar.py:146
    gettext_noop("Link text is empty"),
    # wagtail/admin/userbar.py:150
    gettext_noop("Misusing paragraphs as headings"),
    # wagtail/admin/userbar.py:151
    gettext_noop("Use proper heading tags"),
    # wagtail/admin/userbar.py:154
    gettext_noop("Image alt text has inappropriate pattern"),
    # wagtail/admin/userbar.py:155
    gettext_noop("Use meaningful text"),
    # wagtail/admin/userbar.py:158
    gettext_noop("Meta description is empty"),
    # wagtail/admin/userbar.py:159
    gettext_noop("Add a concise description for search engines"),
    # wagtail/admin/utils.py:43
    gettext_noop("%(classname)s object (%(id)s)"),
    # wagtail/admin/views/account.py:193
    gettext_noop("Theme preferences"),
    # wagtail/admin/views/generic/base.py:455
    gettext_noop("No %(model_name)s match your query."),
    # wagtail/admin/views/generic/lock.py:37
    gettext_noop("%(model_name)s '%(title)s' is now unlocked."),
    # wagtail/admin/views/generic/mixins.py:465
    gettext_noop("%(model_name)s '%(object)s' has been scheduled for publishing."),
    # wagtail/admin/views/generic/mixins.py:470
    gettext_noop("%(model_name)s '%(object)s' created and scheduled for publishing."),
    # wagtail/admin/views/generic/mixins.py:474
    gettext_noop("%(model_name)s '%(object)s' is live and this version has been scheduled for publishing."),
    # wagtail/admin/views/generic/mixins.py:479
    gettext_noop("%(model_name)s '%(object)s' updated and published."),
    # wagtail/admin/views/generic/mixins.py:481
    gettext_noop("%(model_name)s '%(object)s' created and published."),
    # wagtail/admin/views/generic/mixins.py:485
    gettext_noop("%(model_name)s '%(object)s' has been submitted for moderation."),
    # wagtail/admin/views/generic/mixins.py:490
    gettext_noop("%(model_name)s '%(object)s' created and submitted for moderation."),
    # wagtail/admin/views/generic/mixins.py:494
    gettext_noop("Workflow on %(model_name)s '%(object)s' has been restarted."),
    # wagtail/admin/views/generic/mixins.py:497
    gettext_noop("Workflow on %(model_name)s '%(object)s' has been cancelled."),
    # wagtail/admin/views/generic/mixins.py:847 wagtail/admin/views/pages/edit.py:546
    gettext_noop("Saving will overwrite a newer version."),
    # wagtail/admin/views/generic/mixins.py:854
    gettext_noop("The %(model_name)s could not be saved as it is locked"),
    # wagtail/admin/views/generic/mixins.py:893
    gettext_noop("You are viewing a previous version of this %(model_name)s from <b>%(created_at)s</b> by %(user)s"),
    # wagtail/admin/views/generic/mixins.py:927
    gettext_noop("%(model_name)s '%(object)s' has been replaced with version from %(timestamp)s."),
    # wagtail/admin/views/generic/mixins.py:931
    gettext_noop("Version from %(timestamp)s of %(model_name)s '%(object)s' has been published."),
    # wagtail/admin/views/generic/mixins.py:936
    gettext_noop("Version from %(timestamp)s of %(model_name)s '%(object)s' has been scheduled for publishing."),
    # wagtail/admin/views/generic/models.py:251
    gettext_noop("%(related_model_name)s %(field_label)s"),
    # wagtail/admin/views/generic/models.py:366
    gettext_noop("Sort item order"),
    # wagtail/admin/views/generic/models.py:585 wagtail/admin/views/workflows.py:707
    gettext_noop("New: %(model_name)s"),
    # wagtail/admin/views/generic/models.py:640 wagtail/admin/views/generic/models.py:1080 ...
    gettext_noop("There are validation errors, click save to highlight them."),
    # wagtail/admin/views/generic/models.py:1422
    gettext_noop("Compare"),
    # wagtail/admin/views/generic/preview.py:204
    gettext_noop("Preview for %(block_label)s (%(block_type)s)"),
    # wagtail/admin/views/generic/usage.py:117
    gettext_noop("If you confirm deletion"),
    # wagtail/admin/views/generic/usage.py:133
    gettext_noop("(Private %(object)s)"),
    # wagtail/admin/views/generic/workflow.py:58
    gettext_noop("The %(model_name)s '%(title)s' is not currently awaiting moderation."),
    # wagtail/admin/views/generic/workflow.py:249
    gettext_noop("The %(model_name)s '%(title)s' is not currently awaiting moderation in task '%(task_name)s'."),
    # wagtail/admin/views/home.py:316
    gettext_noop("Search all pages…"),
    # wagtail/admin/views/page_privacy.py:64
    gettext_noop("Privacy is inherited from the ancestor page - %(ancestor_page)s"),
    # wagtail/admin/views/pages/bulk_actions/delete.py:70
    gettext_noop("%(parent_pages)s and %(child_pages)s have been deleted"),
    # wagtail/admin/views/pages/bulk_actions/delete.py:76
    ngettext_lazy("%(num_parent_objects)d page has been deleted", "%(num_parent_objects)d pages have been deleted", 1),
    # wagtail/admin/views/pages/bulk_actions/page_bulk_action.py:65
    ngettext_lazy("%(num_parent_objects)d page", "%(num_parent_objects)d pages", 1),
    # wagtail/admin/views/pages/bulk_actions/page_bulk_action.py:73
    ngettext_lazy("%(num_child_objects)d child page", "%(num_child_objects)d child pages", 1),
    # wagtail/admin/views/pages/bulk_actions/publish.py:76
    gettext_noop("%(parent_pages)s and %(child_pages)s have been published"),
    # wagtail/admin/views/pages/bulk_actions/publish.py:82
    ngettext_lazy("%(num_parent_objects)d page has been published", "%(num_parent_objects)d pages have been published", 1),
    # wagtail/admin/views/pages/bulk_actions/unpublish.py:70
    gettext_noop("%(parent_pages)s and %(child_pages)s have been unpublished"),
    # wagtail/admin/views/pages/bulk_actions/unpublish.py:76
    ngettext_lazy("%(num_parent_objects)d page has been unpublished", "%(num_parent_objects)d pages have been unpublished", 1),
    # wagtail/admin/views/pages/choose_parent.py:24
    gettext_noop("Choose parent"),
    # wagtail/admin/views/pages/choose_parent.py:128
    gettext_noop("Create a new %(model_name)s"),
    # wagtail/admin/views/pages/create.py:441
    gettext_noop("The page could not be created due to validation errors."),
    # wagtail/admin/views/pages/edit.py:966 wagtail/admin/views/pages/edit.py:970
    gettext_noop("The page could not be saved as it is locked."),
    # wagtail/admin/views/pages/edit.py:981
    gettext_noop("The page could not be saved due to validation errors."),
    # wagtail/admin/views/pages/history.py:20
    gettext_noop("Is commenting action"),
    # wagtail/admin/views/pages/listing.py:76
    gettext_noop("Date updated"),
    # wagtail/admin/views/pages/listing.py:91
    gettext_noop("Edited by"),
    # wagtail/admin/views/pages/listing.py:108
    gettext_noop("Has child pages"),
    # wagtail/admin/views/pages/listing.py:109
    gettext_noop("Any"),
    # wagtail/admin/views/pages/listing.py:326
    gettext_noop("Exploring"),
    # wagtail/admin/views/pages/move.py:80
    gettext_noop("The slug '%(page_slug)s' is already in use at the selected parent page. Make sure the slug is unique and try again."),
    # wagtail/admin/views/pages/preview.py:58
    gettext_noop("Placeholder title"),
    # wagtail/admin/views/pages/usage.py:77 wagtail/admin/views/reports/page_types_usage.py:104 ...
    gettext_noop("Page types usage"),
    # wagtail/admin/views/reports/locked_pages.py:31
    gettext_noop("Locked by"),
    # wagtail/admin/views/reports/locked_pages.py:32
    gettext_noop("Anyone"),
    # wagtail/admin/views/reports/workflows.py:192
    gettext_noop("By task"),
    # wagtail/admin/views/reports/workflows.py:278
    gettext_noop("By workflow"),
    # wagtail/admin/views/workflows.py:81
    gettext_noop("Show disabled"),
    # wagtail/admin/views/workflows.py:400
    ngettext_lazy("This workflow is in progress on %(states_in_progress)d page/snippet. Disabling this workflow will cancel moderation on this page/snippet.", "This workflow is in progress on %(states_in_progress)d pages/snippets. Disabling this workflow will cancel moderation on these pages/snippets.", 1),
    # wagtail/admin/views/workflows.py:795
    ngettext_lazy("This task is in progress on %(states_in_progress)d page/snippet. Disabling this task will cause it to be skipped in the moderation workflow and not be listed for selection when editing a workflow.", "This task is in progress on %(states_in_progress)d pages/snippets. Disabling this task will cause it to be skipped in the moderation workflow and not be listed for selection when editing a workflow.", 1),
    # wagtail/admin/wagtail_hooks.py:1001
    gettext_noop("Shortcuts"),
    # --- wagtail (core): locks, workflows, references, privacy, log actions
    # wagtail/blocks/field_block.py:595
    gettext_noop("- Select an option -"),
    # wagtail/coreutils.py:151
    gettext_noop("Unknown content type"),
    # wagtail/fields.py:32
    gettext_noop("Date cannot be in the future."),
    # wagtail/locks.py:56
    gettext_noop("No one can make changes while the %(model_name)s is locked"),
    # wagtail/locks.py:93
    gettext_noop("<b>'{title}' was locked</b> by <b>you</b> on <b>{datetime}</b>."),
    # wagtail/locks.py:102
    gettext_noop("<b>'{title}' is locked</b> by <b>you</b>."),
    # wagtail/locks.py:110
    gettext_noop("<b>'{title}' was locked</b> by <b>{user}</b> on <b>{datetime}</b>."),
    # wagtail/locks.py:120
    gettext_noop("<b>'{title}' is locked</b>."),
    # wagtail/locks.py:126
    gettext_noop("Locked by you"),
    # wagtail/locks.py:128
    gettext_noop("Locked by another user"),
    # wagtail/locks.py:134
    gettext_noop("Only you can make changes while the %(model_name)s is locked"),
    # wagtail/locks.py:139
    gettext_noop("Only %(user)s can make changes while the %(model_name)s is locked"),
    # wagtail/locks.py:169
    gettext_noop("This %(model_name)s is currently awaiting moderation."),
    # wagtail/locks.py:176
    gettext_noop("This {model_name} is awaiting <b>'{task_name}'</b> in the <b>'{workflow_name}'</b> workflow."),
    # wagtail/locks.py:187
    gettext_noop("Only reviewers for this task can edit the %(model_name)s."),
    # wagtail/locks.py:201
    gettext_noop("Locked by workflow"),
    # wagtail/locks.py:207
    gettext_noop("Reviewers can edit this %(model_name)s – lock it to prevent other reviewers from editing"),
    # wagtail/locks.py:212
    gettext_noop("Only reviewers can edit and approve the %(model_name)s"),
    # wagtail/locks.py:252
    gettext_noop("{model_name} '{title}' is locked and has been scheduled to go live at {datetime}"),
    # wagtail/locks.py:261
    gettext_noop("Locked by schedule"),
    # wagtail/locks.py:264
    gettext_noop("Currently locked and will go live on the scheduled date"),
    # wagtail/models/media.py:226
    gettext_noop("for content type"),
    # wagtail/models/pages.py:741
    gettext_noop("The slug '%(page_slug)s' is already in use within the parent page at '%(parent_url_path)s'."),
    # wagtail/models/pages.py:1043 wagtail/models/revisions.py:417
    gettext_noop("Cannot overwrite a revision that is not the latest for this %(model_name)s."),
    # wagtail/models/pages.py:1052 wagtail/models/revisions.py:425
    gettext_noop("Cannot overwrite a revision that was not created by the current user."),
    # wagtail/models/reference_index.py:865
    gettext_noop("the %(model_name)s will also be deleted"),
    # wagtail/models/reference_index.py:869
    gettext_noop("prevents deletion"),
    # wagtail/models/reference_index.py:871
    gettext_noop("will be set to the default %(model_name)s"),
    # wagtail/models/reference_index.py:875
    gettext_noop("will do nothing"),
    # wagtail/models/reference_index.py:885
    gettext_noop("may prevent deletion"),
    # wagtail/models/reference_index.py:893
    gettext_noop("will be set to a %(model_name)s specified by the system"),
    # wagtail/models/reference_index.py:899
    gettext_noop("will unset the reference"),
    # wagtail/models/sites.py:330
    gettext_noop("group site permission"),
    # wagtail/models/sites.py:331
    gettext_noop("group site permissions"),
    # wagtail/models/view_restrictions.py:22
    gettext_noop("Private, accessible with a shared password"),
    # wagtail/models/view_restrictions.py:23
    gettext_noop("Private, accessible to any logged-in users"),
    # wagtail/models/view_restrictions.py:29
    gettext_noop("shared password"),
    # wagtail/models/view_restrictions.py:33
    gettext_noop("Shared passwords should not be used to protect sensitive content. Anyone who has this password will be able to view the content."),
    # wagtail/models/workflows.py:184
    gettext_noop("There may only be one in progress or needs changes workflow state per page/snippet."),
    # wagtail/models/workflows.py:194
    gettext_noop("Workflow '%(workflow_name)s' on %(model_name)s '%(title)s': %(status)s"),
    # wagtail/models/workflows.py:523
    gettext_noop("Active workflows can be added to pages/snippets. Deactivating a workflow does not remove it from existing pages/snippets."),
    # wagtail/models/workflows.py:823
    gettext_noop("Pages/snippets at this step in a workflow will be moderated or approved by these groups of users"),
    # wagtail/models/workflows.py:1017
    gettext_noop("Task '%(task_name)s' on Revision '%(revision_info)s': %(status)s"),
    # wagtail/wagtail_hooks.py:300
    gettext_noop("%(model_name)s scheduled for publishing at %(go_live_at)s"),
    # wagtail/wagtail_hooks.py:310
    gettext_noop("%(model_name)s scheduled for publishing"),
    # wagtail/wagtail_hooks.py:340
    gettext_noop("%(model_name)s unscheduled for publishing at %(go_live_at)s"),
    # wagtail/wagtail_hooks.py:352
    gettext_noop("%(model_name)s unscheduled from publishing"),
    # wagtail/wagtail_hooks.py:387
    gettext_noop("Removed the '%(restriction)s' view restriction. The page is public."),
    # wagtail/wagtail_hooks.py:578
    gettext_noop("Resubmitted '%(task)s'. Workflow resumed"),
    # --- wagtail.users: users, groups, preferences
    # wagtail/users/forms.py:43
    gettext_noop("Required. Letters, digits and @/./+/-/_ only."),
    # wagtail/users/models.py:83
    gettext_noop("admin theme"),
    # wagtail/users/models.py:91
    gettext_noop("More contrast"),
    # wagtail/users/models.py:94
    gettext_noop("contrast"),
    # wagtail/users/models.py:102
    gettext_noop("Snug"),
    # wagtail/users/models.py:106
    gettext_noop("density"),
    # wagtail/users/models.py:115
    gettext_noop("Enable custom keyboard shortcuts specific to Wagtail."),
    # wagtail/users/templates/wagtailusers/groups/includes/formatted_permissions.html:78
    gettext_noop("Toggle all change permissions"),
    # wagtail/users/templates/wagtailusers/groups/includes/formatted_permissions.html:82
    gettext_noop("Toggle all delete permissions"),
    # wagtail/users/templates/wagtailusers/groups/includes/formatted_permissions.html:87
    gettext_noop("Toggle all custom permissions"),
    # wagtail/users/templatetags/wagtailusers_tags.py:60
    gettext_noop("Can view"),
    # --- wagtail.snippets
    # wagtail/snippets/templates/wagtailsnippets/chooser/results.html:10
    gettext_noop("You haven't created any %(snippet_type_name)s snippets. Why not <a href=\"%(wagtailsnippets_create_snippet_url)s\" target=\"_blank\" rel=\"noreferrer\">create one now</a>?"),
    # wagtail/snippets/templates/wagtailsnippets/snippets/action_menu/publish.html:9
    gettext_noop("Scheduling…"),
    # wagtail/snippets/templates/wagtailsnippets/snippets/action_menu/publish.html:13
    gettext_noop("Schedule to publish"),
    # wagtail/snippets/views/snippets.py:252
    gettext_noop("Request to create %(model_name)s was blocked by hook."),
    # wagtail/snippets/views/snippets.py:320
    gettext_noop("Request to edit %(model_name)s was blocked by hook."),
    # --- wagtail.images
    # wagtail/images/fields.py:138
    gettext_noop("unknown number"),
    # wagtail/images/templates/wagtailimages/chooser/chooser.html:21
    gettext_noop("Layout"),
    # wagtail/images/templates/wagtailimages/chooser/results.html:38
    gettext_noop("You haven't uploaded any images."),
    # wagtail/images/templates/wagtailimages/homepage/site_summary_images.html:6
    ngettext_lazy("%(total)s Image <span class=\"w-sr-only\">created in %(site_name)s</span>", "%(total)s Images <span class=\"w-sr-only\">created in %(site_name)s</span>", 1),
    # wagtail/images/templates/wagtailimages/images/edit.html:38
    gettext_noop("Image focal point"),
    # wagtail/images/templates/wagtailimages/images/layout_toggle_button.html:5
    gettext_noop("Grid layout"),
    # wagtail/images/templates/wagtailimages/images/layout_toggle_button.html:9
    gettext_noop("List layout"),
    # wagtail/images/templates/wagtailimages/multiple/add.html:74
    gettext_noop("Please provide an image description to comply with best practices for accessibility."),
    # wagtail/images/templates/wagtailimages/multiple/add.html:77
    gettext_noop("Upload successful. However, your new image seems to be a duplicate of this existing image. You may delete it if it wasn't required."),
    # wagtail/images/views/images.py:59
    gettext_noop("Oldest"),
    # wagtail/images/views/images.py:64
    gettext_noop("Usage count: (low to high)"),
    # wagtail/images/views/images.py:65
    gettext_noop("Usage count: (high to low)"),
    # wagtail/images/views/images.py:322
    gettext_noop("Generate URL"),
    # wagtail/images/views/images.py:329
    gettext_noop("The filter options you have selected are not valid."),
    # --- wagtail.documents
    # wagtail/documents/fields.py:18
    gettext_noop("Maximum filesize: %(max_upload_size)s."),
    # wagtail/documents/templates/wagtaildocs/chooser/results.html:18
    gettext_noop("Why not <a class=\"upload-one-now\" href=\"#tab-upload\" data-action=\"w-tabs#select:prevent\" data-w-tabs-target=\"trigger\" data-w-tabs-focus-param=\"true\">upload one now</a>?"),
    # wagtail/documents/templates/wagtaildocs/homepage/site_summary_documents.html:6
    ngettext_lazy("%(total)s Document <span class=\"w-sr-only\">created in %(site_name)s</span>", "%(total)s Documents <span class=\"w-sr-only\">created in %(site_name)s</span>", 1),
    # wagtail/documents/views/documents.py:191
    gettext_noop("The document could not be created due to errors."),
    # wagtail/documents/views/documents.py:273
    gettext_noop("The file could not be found. Please change the source or delete the document."),
    # --- wagtail.contrib.redirects (settings menu)
    # wagtail/contrib/redirects/templates/wagtailredirects/choose_import_file.html:12
    gettext_noop("<p>Select a file where redirects are separated into rows and contains the columns representing <code>from</code> and <code>to</code> (they can be named anything).</p> <p>After submitting you will be taken to a confirmation view where you can customize your redirects before import.</p>"),
    # wagtail/contrib/redirects/views.py:257
    gettext_noop("File format of type \"%(extension)s\" is not supported."),
    # wagtail/contrib/redirects/views.py:274
    gettext_noop("Imported file has a wrong encoding: %(error_message)s."),
    # wagtail/contrib/redirects/views.py:281
    gettext_noop("%(error)s encountered while trying to read file: %(filename)s."),
    # --- wagtail.contrib.forms
    # wagtail/contrib/forms/views.py:59
    gettext_noop("Page type"),
    # --- django-filter: listing filters (lookups, date ranges, ordering)
    # django_filters/conf.py:16
    gettext_noop("date"),
    # django_filters/conf.py:17
    gettext_noop("year"),
    # django_filters/conf.py:18
    gettext_noop("month"),
    # django_filters/conf.py:19
    gettext_noop("day"),
    # django_filters/conf.py:20
    gettext_noop("week day"),
    # django_filters/conf.py:21
    gettext_noop("hour"),
    # django_filters/conf.py:22
    gettext_noop("minute"),
    # django_filters/conf.py:23
    gettext_noop("second"),
    # django_filters/conf.py:27 django_filters/conf.py:28
    gettext_noop("contains"),
    # django_filters/conf.py:29
    gettext_noop("is in"),
    # django_filters/conf.py:30
    gettext_noop("is greater than"),
    # django_filters/conf.py:31
    gettext_noop("is greater than or equal to"),
    # django_filters/conf.py:32
    gettext_noop("is less than"),
    # django_filters/conf.py:33
    gettext_noop("is less than or equal to"),
    # django_filters/conf.py:34 django_filters/conf.py:35
    gettext_noop("starts with"),
    # django_filters/conf.py:36 django_filters/conf.py:37
    gettext_noop("ends with"),
    # django_filters/conf.py:38
    gettext_noop("is in range"),
    # django_filters/conf.py:39
    gettext_noop("is null"),
    # django_filters/conf.py:40 django_filters/conf.py:41
    gettext_noop("matches regex"),
    # django_filters/conf.py:42 django_filters/conf.py:49
    gettext_noop("search"),
    # django_filters/conf.py:44
    gettext_noop("is contained by"),
    # django_filters/conf.py:45
    gettext_noop("overlaps"),
    # django_filters/conf.py:46
    gettext_noop("has key"),
    # django_filters/conf.py:47
    gettext_noop("has keys"),
    # django_filters/conf.py:48
    gettext_noop("has any keys"),
    # django_filters/fields.py:94
    gettext_noop("Select a lookup."),
    # django_filters/fields.py:198
    gettext_noop("Range query expects two values."),
    # django_filters/filters.py:438
    gettext_noop("Yesterday"),
    # django_filters/filters.py:543
    gettext_noop("Multiple values may be separated by commas."),
    # django_filters/filters.py:721
    gettext_noop("%s (descending)"),
    # django_filters/filters.py:737
    gettext_noop("Ordering"),
    # django_filters/rest_framework/filterset.py:33 django_filters/templates/django_filters/rest_framework/form.html:5
    gettext_noop("Submit"),
    # django_filters/utils.py:308
    gettext_noop("exclude"),
)
