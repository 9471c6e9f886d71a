"""Settings of the guide rules, under `conform:` in the repository's dutylist.yaml:

```yaml
conform:
  similarity: 0.9          # variants: also group names this close (like --similarity)
  severity:
    outside-guide: error   # per-rule severity overrides
  disable: [guide-not-adopted]
```
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from dutylist.findings import Severity


class ConformSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    similarity: float | None = Field(None, gt=0, le=1, description="variants: name ratio")
    severity: dict[str, Severity] = Field(default_factory=dict)
    disable: list[str] = Field(default_factory=list)
