#pragma once

#include "qr/QrCode.h"

#include <QRect>
#include <QWidget>
#include <optional>

namespace tessera::ui {

// Paints a QR code the way scanners like it: whole device pixels per module (the largest number that
// fits, centred), a 4-module quiet zone, no antialiasing, and always dark modules on white, whatever
// the palette (many phone scanners cannot read a light-on-dark code). Empty until setCode().
class QrCodeWidget : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kQuietZone = 4;         // modules, the minimum ISO/IEC 18004 asks for
    static constexpr int kPreferredModulePx = 5; // a comfortable size for a phone held at a screen
    static constexpr int kMinModulePx = 2;

    explicit QrCodeWidget(QWidget* parent = nullptr);
    ~QrCodeWidget() override;

    void setCode(QrCode code);
    // Forgets the code (it may encode a secret).
    void clear();
    bool hasCode() const { return m_code.has_value(); }
    const QrCode* code() const { return m_code ? &*m_code : nullptr; }

    // Where the symbol and its quiet zone are painted, in widget (logical) coordinates, and the size
    // of one module in logical pixels; for tests and for callers that frame the code.
    QRectF symbolRect() const;
    qreal moduleSize() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override { return width; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    struct Layout
    {
        int modulePx = 0; // device pixels per module
        QRect area;       // symbol plus quiet zone, in device pixels
    };
    Layout layout() const;
    int modulesWithQuietZone() const;

    std::optional<QrCode> m_code;
};

} // namespace tessera::ui
