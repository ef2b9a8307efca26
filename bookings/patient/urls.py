from django.urls import path

from bookings.patient import flow as views

app_name = "bookings"

urlpatterns = [
    path("book/", views.choose_treatment, name="start"),
    path("book/practitioner/", views.choose_practitioner, name="practitioner"),
    path("book/time/", views.choose_time, name="time"),
    path("book/details/", views.DetailsView.as_view(), name="details"),
    path("book/done/<str:reference>/", views.done, name="done"),
    path("book/done/<str:reference>/booking.ics", views.done_ics, name="done_ics"),
    path("booking/<str:reference>/", views.manage, name="manage"),
    path("booking/<str:reference>/booking.ics", views.manage_ics, name="manage_ics"),
    path("booking/<str:reference>/cancel/", views.manage_cancel, name="cancel"),
    path("booking/<str:reference>/move/", views.manage_move, name="move"),
    path("my-bookings/", views.my_bookings_request, name="my_bookings_request"),
    path("my-bookings/<str:token>/", views.my_bookings, name="my_bookings"),
    path("api/availability/", views.availability_api, name="availability_api"),
]
