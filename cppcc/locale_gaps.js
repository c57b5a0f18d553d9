/*
 * Wagtail admin JavaScript messages that our screens show but Wagtail's zh_Hans djangojs
 * catalogue leaves untranslated (sidebar, autosave, content metrics, rich-text editor, time zones).
 *
 * Nothing loads this file. It exists for `makemessages -d djangojs` (scripts/messages.sh): each
 * call below puts its msgid into OUR locale/zh_Hans/LC_MESSAGES/djangojs.po, which Django's
 * JavaScript catalogue at /admin/jsi18n/ merges over Wagtail's (LOCALE_PATHS come last and win),
 * so the Chinese translations survive every regeneration. cppcc/locale_gaps.py does the same for
 * the server-side messages. Copy msgids exactly: a changed character is a different msgid.
 */
/* global gettext_noop, ngettext */
/* eslint-disable no-unused-vars */
const WAGTAIL_JS_GAPS = [
  // Wagtail client/src/components/Sidebar/menu/SubMenuItem.tsx:122
  gettext_noop("(%(number)s new items in this menu)"),
  // Wagtail client/src/components/Sidebar/menu/SubMenuItem.tsx:121
  gettext_noop("(1 new item in this menu)"),
  // Wagtail client/src/components/Sidebar/menu/ActionMenuItem.tsx:60 client/src/components/Sidebar/menu/LinkMenuItem.tsx:77
  gettext_noop("(New)"),
  // Wagtail client/src/components/Minimap/MinimapItem.tsx:38 client/src/controllers/CountController.ts:72
  ngettext("%(num)s error", "%(num)s errors", 1),
  // Wagtail client/src/includes/contentMetrics.ts:181
  ngettext("%(num)s min", "%(num)s mins", 1),
  // Wagtail client/src/includes/sidePanel.js:162
  ngettext("%(num)s pixel", "%(num)s pixels", 1),
  // Wagtail client/src/controllers/LocaleController.ts:62
  gettext_noop("%(time_zone_option)s: %(localized_time_zone_label)s"),
  // Wagtail client/src/controllers/AutosaveController.ts:328
  gettext_noop("A network error occurred."),
  // Wagtail client/src/controllers/AutosaveController.ts:358
  gettext_noop("A server error occurred."),
  // Wagtail client/src/controllers/AutosaveController.ts:469
  gettext_noop("Autosave in progress…"),
  // Wagtail client/src/components/Draftail/index.js:412
  gettext_noop("Blocks"),
  // Wagtail client/src/controllers/AutosaveController.ts:473
  gettext_noop("Changes have been autosaved."),
  // Wagtail client/src/includes/contentMetrics.ts:91
  gettext_noop("Complex"),
  // Wagtail client/src/controllers/PreviewController.ts:1038
  gettext_noop("Error while sending preview data."),
  // Wagtail client/src/includes/contentMetrics.ts:86
  gettext_noop("Fair"),
  // Wagtail client/src/includes/contentMetrics.ts:82
  gettext_noop("Good"),
  // Wagtail client/src/components/ComboBox/ComboBox.tsx:10
  gettext_noop("Insert a block"),
  // Wagtail client/src/components/Draftail/commands/Split.js:15
  gettext_noop("Split block"),
  // Wagtail client/src/components/Draftail/index.js:216
  gettext_noop("Write something or type ‘/’ to insert a block"),
];
