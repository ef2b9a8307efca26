"""The admin site: Django's, with a second factor for those who need one."""

from django.contrib import admin
from django.urls import reverse

from clinic.forms import AdminLoginForm
from clinic.two_factor import redirect_to_second_factor, second_factor_satisfied


class ClinicAdminSite(admin.AdminSite):
    login_form = AdminLoginForm

    def has_permission(self, request):
        return super().has_permission(request) and second_factor_satisfied(request)

    def login(self, request, extra_context=None):
        """After the password, send anyone who still owes a second factor to give it."""
        response = super().login(request, extra_context)
        user = request.user
        if user.is_active and user.is_staff and not second_factor_satisfied(request):
            next_url = request.POST.get("next") or request.GET.get("next")
            return redirect_to_second_factor(
                request, next_url or reverse("admin:index", current_app=self.name)
            )
        return response
