from django.core.validators import URLValidator

# Django's default also allows ftp; a public link must open in a browser.
web_url = URLValidator(
    schemes=["http", "https"], message="Enter a web address starting with http:// or https://."
)
