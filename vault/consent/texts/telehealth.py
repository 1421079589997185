"""Consent to telehealth: sessions by video or telephone."""

from __future__ import annotations

TELEHEALTH = """\
# Consent to telehealth

Some or all of your sessions with {clinician_name} at {practice_name} may take place by \
video or telephone. This form explains what is different about meeting that way.

# Privacy

I take part in every session from a private room where no one else can hear, using a \
video service chosen with privacy in mind. Even so, no call over the internet is \
completely private: a device can be shared, lost or overheard. Please join from a place \
where you can talk freely, on a device and network you trust, and turn off \
notifications that others might see.

# Where you are

At the start of each session I will ask where you are. This matters because the law \
that applies can depend on your location, and because I need to know where to send \
help in an emergency. I can usually only offer sessions while you are in \
{jurisdiction}.

# If the connection fails

If the call drops, I will try to reconnect for a few minutes. If that does not work, I \
will call you on the telephone number we agree on before the first session, and we \
will finish the session that way or arrange another time.

# Emergencies

Before we start, we will note an emergency contact and the nearest emergency service \
where you usually join from. If you are in danger during a session, I may contact them. \
Telehealth sessions are not an emergency service: between sessions, in a crisis, call \
your local emergency number.

# Recording

Neither of us records a session, by audio, video or screenshot, unless we have both \
agreed to it in writing first.

# When meeting in person is better

Telehealth is not right for everyone or for every stage of therapy. If either of us \
thinks meeting in person would serve you better, we will talk about it, and you may ask \
to change at any time."""
