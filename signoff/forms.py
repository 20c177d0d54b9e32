from django import forms

COMMENT_MAX_LENGTH = 5000


BUTTONS = ("approve", "changes")


class AnswerForm(forms.Form):
    """The member's answer: the button pressed, and what to change (needed for changes).

    Each button has a name of its own (`BUTTONS`), as a browser sends only the one pressed;
    the decision is the one button sent, so a post with none or both is refused.
    """

    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("changes", "Request changes")],
        widget=forms.HiddenInput,
        error_messages={
            "required": "Press “Approve” or “Request changes”.",
            "invalid_choice": "Press “Approve” or “Request changes”.",
        },
    )
    comment = forms.CharField(
        label="What should change?",
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Needed if you request changes: say what is wrong and how it should read. "
        f"Up to {COMMENT_MAX_LENGTH:,} characters.",
        error_messages={
            "max_length": "Your comment is too long: it can be up to %(limit_value)s "
            "characters and has %(show_value)s. Please shorten it."
        },
    )

    def __init__(self, data=None):
        if data is not None:
            pressed = [button for button in BUTTONS if button in data]
            data = {
                "comment": data.get("comment", ""),
                "decision": pressed[0] if len(pressed) == 1 else "",
            }
        super().__init__(data, label_suffix="")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "changes" and not cleaned.get("comment", "").strip():
            self.add_error("comment", "Say what should change, so the team can fix it.")
        return cleaned

    @property
    def approved(self):
        return self.cleaned_data["decision"] == "approve"
