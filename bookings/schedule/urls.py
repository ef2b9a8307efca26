from django.urls import path

from bookings.schedule import views

app_name = "schedule"

urlpatterns = [
    path("", views.schedule, name="today"),
    path("booking/<str:reference>/", views.booking_detail, name="booking"),
    path("booking/<str:reference>/attendance/", views.attendance, name="attendance"),
    path("time-off/", views.time_off, name="time_off"),
    path("time-off/<int:pk>/delete/", views.time_off_delete, name="time_off_delete"),
    path("calendar/", views.feed_settings, name="feed_settings"),
    path("calendar/replace/", views.feed_replace, name="feed_replace"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
