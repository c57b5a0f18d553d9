"""The secretariat's and the proposal committee's screens in the Wagtail admin (registered in
proposals/wagtail_hooks.py). Kept import-free: django.contrib.admin autodiscovers `proposals.admin`."""
