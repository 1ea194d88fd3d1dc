"""All tables in one metadata, for migrations and tests; importing it registers every model."""

from __future__ import annotations

import channels.models
import core.models
from core.db import Base

metadata = Base.metadata
MODEL_MODULES = (core.models, channels.models)
