// Shows a fault of the routing plan at its field.
#include "fielderror.h"

using namespace Qt::StringLiterals;

namespace {
const auto Red = u"#b3261e"_s;
}

FieldError::FieldError(QWidget *field, QWidget *parent)
    : QLabel(parent)
    , m_field(field)
{
    setWordWrap(true);
    setStyleSheet(u"color: %1;"_s.arg(Red));
    hide();
}

void FieldError::setErrors(const QStringList &errors)
{
    QStringList sentences;
    for (QString error : errors) {
        if (!error.isEmpty())
            error[0] = error.at(0).toUpper();
        sentences.append(error);
    }
    setText(sentences.join(u'\n'));
    setVisible(!errors.isEmpty());
    if (!m_field)
        return;
    if (m_field->objectName().isEmpty())
        m_field->setObjectName(u"field%1"_s.arg(quintptr(m_field), 0, 16));
    // Only the field's own frame: its children (a combo's list, say) keep their look.
    const QString frame = u"%1#%2 { border: 1px solid %3; border-radius: 2px; }"_s.arg(
        QString::fromLatin1(m_field->metaObject()->className()), m_field->objectName(), Red);
    m_field->setStyleSheet(errors.isEmpty() ? QString() : frame);
}
