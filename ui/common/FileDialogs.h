#pragma once

#include <QString>
#include <QStringList>

class QWidget;

namespace tessera::ui {

// File pickers behind a seam: a test queues the answers with setNextFileName() and no modal dialog
// ever opens. An empty queued name stands for "cancelled".
class FileDialogs
{
public:
    static QString getOpenFileName(QWidget* parent, const QString& caption, const QString& directory,
                                   const QString& filter);
    static QString getSaveFileName(QWidget* parent, const QString& caption, const QString& proposed,
                                   const QString& filter);

    static void setNextFileName(const QString& path);
    static void clearNextFileNames();
    // With nothing queued, answer "cancelled" instead of opening a dialog (tests).
    static void setNonInteractive(bool nonInteractive);

    static QString vaultFilter(); // "Tessera vaults (*.tessera);;All files (*)"

private:
    static QStringList& queue();
    static bool& nonInteractive();
};

} // namespace tessera::ui
