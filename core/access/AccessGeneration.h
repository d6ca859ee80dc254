#pragma once

#include <QtGlobal>

namespace tessera {

// Stamps for RoleGraph and AccessModel contents. Every change takes the next value of one process-wide
// counter, so a stamp names one exact content: a cache keyed on it stays right even when a model is
// copied or assigned over, which a per-object counter could not promise. Never returns 0.
quint64 nextAccessGeneration();

} // namespace tessera
