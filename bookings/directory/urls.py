from django.urls import path

from bookings.directory import views

app_name = "practitioners"

urlpatterns = [
    path("", views.BookablePractitionerListView.as_view(), name="list"),
    path("<slug:slug>/", views.BookablePractitionerDetailView.as_view(), name="detail"),
]
