#include "mfa/QrCodeWidget.h"

#include <QPaintEvent>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace tessera::ui {

QrCodeWidget::QrCodeWidget(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("qrCodeWidget"));
    setAccessibleName(tr("QR code"));
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

QrCodeWidget::~QrCodeWidget() = default;

void QrCodeWidget::setCode(QrCode code)
{
    m_code = std::move(code);
    updateGeometry();
    update();
}

void QrCodeWidget::clear()
{
    m_code.reset();
    update();
}

int QrCodeWidget::modulesWithQuietZone() const
{
    // Without a code, room for a version 5 symbol (37 modules), so a layout does not jump when it comes.
    return (m_code ? m_code->width() : 37) + 2 * kQuietZone;
}

QSize QrCodeWidget::sizeHint() const
{
    const int side = modulesWithQuietZone() * kPreferredModulePx;
    return {side, side};
}

QSize QrCodeWidget::minimumSizeHint() const
{
    const int side = modulesWithQuietZone() * kMinModulePx;
    return {side, side};
}

QrCodeWidget::Layout QrCodeWidget::layout() const
{
    // Worked out in device pixels so that every module covers the same whole number of them, also on a
    // screen scaled by 125 % or 150 %: a module of 4.5 pixels would be drawn 4 or 5 wide, and the
    // uneven rows can defeat a scanner.
    const qreal ratio = devicePixelRatioF();
    const int deviceWidth = static_cast<int>(std::floor(width() * ratio));
    const int deviceHeight = static_cast<int>(std::floor(height() * ratio));
    const int modules = modulesWithQuietZone();
    Layout result;
    result.modulePx = std::max(1, std::min(deviceWidth, deviceHeight) / modules);
    const int side = modules * result.modulePx;
    result.area = QRect((deviceWidth - side) / 2, (deviceHeight - side) / 2, side, side);
    return result;
}

QRectF QrCodeWidget::symbolRect() const
{
    const Layout l = layout();
    const qreal ratio = devicePixelRatioF();
    return QRectF(l.area.x() / ratio, l.area.y() / ratio, l.area.width() / ratio, l.area.height() / ratio);
}

qreal QrCodeWidget::moduleSize() const
{
    return layout().modulePx / devicePixelRatioF();
}

void QrCodeWidget::paintEvent(QPaintEvent* event)
{
    Q_UNUSED(event);
    if (!m_code) {
        return;
    }
    const Layout l = layout();
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setPen(Qt::NoPen);
    // Device pixel coordinates from here on (see layout()).
    const qreal ratio = devicePixelRatioF();
    painter.scale(1.0 / ratio, 1.0 / ratio);
    // White and black, never palette colours: the code must read the same on a dark theme.
    painter.fillRect(l.area, Qt::white);
    const int origin = kQuietZone * l.modulePx;
    const int width = m_code->width();
    for (int y = 0; y < width; ++y) {
        // One rectangle per run of dark modules in a row.
        int x = 0;
        while (x < width) {
            if (!m_code->isDark(x, y)) {
                ++x;
                continue;
            }
            const int start = x;
            while (x < width && m_code->isDark(x, y)) {
                ++x;
            }
            painter.fillRect(QRect(l.area.x() + origin + start * l.modulePx,
                                   l.area.y() + origin + y * l.modulePx, (x - start) * l.modulePx,
                                   l.modulePx),
                             Qt::black);
        }
    }
}

} // namespace tessera::ui
