#include "threadniceness.h"

#include <QDir>
#include <QFile>

using namespace Qt::StringLiterals;

std::optional<int> niceOfThreadNamed(const QString &name)
{
    const QByteArray wanted = name.toUtf8().left(15);
    const QDir tasks(u"/proc/self/task"_s);
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + u"/comm"_s));
        if (!comm.open(QIODevice::ReadOnly) || comm.readAll().trimmed() != wanted)
            continue;
        QFile stat(tasks.filePath(tid + u"/stat"_s));
        if (!stat.open(QIODevice::ReadOnly))
            return std::nullopt;
        // The name is in parentheses and may hold spaces; the fields after it start with the state
        // (field 3), so the nice value (field 19) is the 17th after the closing parenthesis.
        const QByteArray line = stat.readAll();
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (fields.size() < 17)
            return std::nullopt;
        bool ok = false;
        const int nice = fields.at(16).toInt(&ok);
        return ok ? std::optional<int>(nice) : std::nullopt;
    }
    return std::nullopt;
}
