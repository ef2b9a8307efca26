from django.urls import path

from bookings import schedule

app_name = "schedule"

urlpatterns = [
    path("", schedule.schedule, name="today"),
    path("booking/<str:reference>/", schedule.booking_detail, name="booking"),
    path("booking/<str:reference>/attendance/", schedule.attendance, name="attendance"),
    path("time-off/", schedule.time_off, name="time_off"),
    path("time-off/<int:pk>/delete/", schedule.time_off_delete, name="time_off_delete"),
    path("calendar/", schedule.feed_settings, name="feed_settings"),
    path("calendar/replace/", schedule.feed_replace, name="feed_replace"),
    path("feed/<str:token>.ics", schedule.feed, name="feed"),
]
