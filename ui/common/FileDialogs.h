#pragma once

#include <QByteArrayView>
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

    // Writes an export to the path a save dialog gave: all of it or nothing (QSaveFile), readable by
    // its owner only from the first byte when `ownerOnly` (private keys). On failure, says so in an
    // "Export Failed" box and returns false.
    static bool writeExport(QWidget* parent, const QString& path, QByteArrayView bytes, bool ownerOnly = false);

private:
    static QStringList& queue();
    static bool& nonInteractive();
};

} // namespace tessera::ui
