class PermissionsPolicyMiddleware:
    """Deny powerful browser features the site never uses; Django has no setting for this."""

    header = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response
