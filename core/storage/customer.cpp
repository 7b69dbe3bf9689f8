// What a customer becomes when a duplicate of them is merged into them.
#include "customer.h"

using namespace Qt::StringLiterals;

Customer mergedCustomer(const Customer &kept, const Customer &duplicate)
{
    Customer merged = kept;
    if (merged.name.trimmed().isEmpty())
        merged.name = duplicate.name;
    // A number calls can be matched to beats none, and beats one that was typed but cannot be read.
    if (merged.phoneE164.isEmpty()
        && (!duplicate.phoneE164.isEmpty() || merged.phoneRaw.trimmed().isEmpty())) {
        merged.phoneRaw = duplicate.phoneRaw;
        merged.phoneE164 = duplicate.phoneE164;
    }
    if (merged.email.trimmed().isEmpty())
        merged.email = duplicate.email;
    if (merged.assignedStaff.isEmpty())
        merged.assignedStaff = duplicate.assignedStaff;
    // The duplicate's import id, so that importing the same customer list again updates this customer
    // instead of bringing the duplicate back.
    if (merged.externalId.isEmpty())
        merged.externalId = duplicate.externalId;
    // Notes may hold what must never be lost (an allergy, a fear of needles): both are kept.
    const QString notes = duplicate.notes.trimmed();
    if (merged.notes.trimmed().isEmpty())
        merged.notes = duplicate.notes;
    else if (!notes.isEmpty() && !merged.notes.contains(notes))
        merged.notes = merged.notes.trimmed() + u'\n' + notes;
    return merged;
}
