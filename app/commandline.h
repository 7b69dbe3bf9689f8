// Splits the command line into the global options and one command, and runs it.
#pragma once

#include <QCoreApplication>
#include <QStringList>

class CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(CommandLine)

public:
    explicit CommandLine(QStringList arguments); // without the program name
    int run();

    static QString usage();
    // Whether the arguments open the desktop app (no command, `gui`, or `--screenshot`), which
    // needs a QApplication rather than a QCoreApplication.
    static bool wantsDesktop(const QStringList &arguments);

private:
    QStringList m_arguments;
};
