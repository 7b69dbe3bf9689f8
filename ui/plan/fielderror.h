// The red sentence under a field whose value the routing plan's check refused, and the field's red
// frame: how the plan editors show a fault where it is.
#pragma once

#include <QLabel>

class FieldError : public QLabel
{
    Q_OBJECT

public:
    // `field` gets the red frame while there are errors; it may be nullptr.
    explicit FieldError(QWidget *field, QWidget *parent = nullptr);

    // Shows the messages (hidden when there are none), with the first letter made a capital.
    void setErrors(const QStringList &errors);

private:
    QWidget *m_field;
};
