"""The guided limits-of-confidentiality prompt (issue 8): choosing a flag, the twelve
steps, and the soonest deadline in the app's header.

Kept empty of imports: the app imports `screens.risk.header` on every unlock, and
that must not load the prompt's widgets. Use `screens.risk.flag_picker.raise_flag`
and `screens.risk.prompt.RiskPromptScreen`.
"""
