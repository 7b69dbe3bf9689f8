// A list of callers by number or number prefix.
#include "callerlist.h"

#include "phonenormalizer.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// E.164 allows at most 15 digits after the "+".
constexpr qsizetype MaxDigits = 15;

QString withoutSeparators(const QString &written)
{
    QString compact;
    compact.reserve(written.size());
    for (const QChar c : written) {
        if (!c.isSpace() && c != u'-' && c != u'.' && c != u'(' && c != u')')
            compact.append(c);
    }
    return compact;
}

} // namespace

CallerList::CallerList(QStringList entries)
    : m_entries(std::move(entries))
{
}

std::optional<QString> CallerList::parseEntry(
    const QString &written, const PhoneNormalizer &normalizer, QString *error)
{
    const QString compact = withoutSeparators(written);
    const bool plusAndDigits = compact.size() > 1 && compact.size() <= MaxDigits + 1 && compact.startsWith(u'+')
        && std::all_of(compact.cbegin() + 1, compact.cend(), [](QChar c) { return c.isDigit(); });
    // "+44" cannot be normalised (it is no number yet), and a whole number in "+" form is already
    // E.164 once the separators are gone; both match as prefixes.
    if (plusAndDigits)
        return compact;
    if (std::optional<QString> e164 = normalizer.toE164(written))
        return e164;
    if (error)
        *error = tr("\"%1\" is neither a phone number nor a prefix such as +44.").arg(written);
    return std::nullopt;
}

bool CallerList::matches(const QString &callerE164) const
{
    return !matchingEntry(callerE164).isEmpty();
}

QString CallerList::matchingEntry(const QString &callerE164) const
{
    if (callerE164.isEmpty())
        return {};
    for (const QString &entry : m_entries) {
        if (callerE164.startsWith(entry))
            return entry;
    }
    return {};
}
