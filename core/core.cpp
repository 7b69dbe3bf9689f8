// Version information for the core library.
#include "core.h"

QString Switchboard::version()
{
    return QStringLiteral(SWITCHBOARD_VERSION);
}
