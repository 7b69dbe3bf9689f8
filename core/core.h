// Facts about the core library as a whole.
#pragma once

#include <QString>

namespace Switchboard {
QString version();
}
