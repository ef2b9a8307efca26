from django.urls import path

from bookings.schedule import course_views, note_views, views

app_name = "schedule"

urlpatterns = [
    path("", views.schedule, name="today"),
    path("booking/<str:reference>/", views.booking_detail, name="booking"),
    path("booking/<str:reference>/attendance/", views.attendance, name="attendance"),
    path("booking/<str:reference>/scores/", course_views.record_scores, name="scores"),
    path("booking/<str:reference>/notes/", note_views.treatment_note, name="notes"),
    path("booking/<str:reference>/course/", course_views.plan_course, name="plan_course"),
    path("courses/<int:pk>/", course_views.course_detail, name="course"),
    path("courses/<int:pk>/activities/", course_views.course_activities, name="course_activities"),
    path("courses/<int:pk>/cancel/", course_views.course_cancel, name="course_cancel"),
    path("time-off/", views.time_off, name="time_off"),
    path("time-off/<int:pk>/delete/", views.time_off_delete, name="time_off_delete"),
    path("calendar/", views.feed_settings, name="feed_settings"),
    path("calendar/replace/", views.feed_replace, name="feed_replace"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
