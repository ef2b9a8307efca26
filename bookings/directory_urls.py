from django.urls import path

from bookings import directory

app_name = "practitioners"

urlpatterns = [
    path("", directory.BookablePractitionerListView.as_view(), name="list"),
    path("<slug:slug>/", directory.BookablePractitionerDetailView.as_view(), name="detail"),
]
