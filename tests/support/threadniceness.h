// What the system says of this process's threads: a thread's nice value, found by its name.
#pragma once

#include <QString>

#include <optional>

// The nice value of the thread of this process named `name` (as QThread's object name, which the
// system cuts to 15 bytes), or nothing when no such thread runs or the system does not say.
std::optional<int> niceOfThreadNamed(const QString &name);
