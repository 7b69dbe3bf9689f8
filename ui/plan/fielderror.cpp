// Shows a fault of the routing plan at its field.
#include "fielderror.h"

#include "planediting.h"

using namespace Qt::StringLiterals;

FieldError::FieldError(QWidget *field, QWidget *parent)
    : QLabel(parent)
    , m_field(field)
{
    PlanEditing::styleAsFault(this);
}

void FieldError::setErrors(const QStringList &errors)
{
    QStringList sentences;
    for (QString error : errors) {
        if (!error.isEmpty())
            error[0] = error.at(0).toUpper();
        sentences.append(error);
    }
    if (m_field) {
        PlanEditing::showFaults(m_field, this, sentences);
        return;
    }
    setText(sentences.join(u'\n'));
    setVisible(!sentences.isEmpty());
}
