//! A laid-out chart: shapes and text in pixels, independent of the output format. The
//! layout builds one scene; the PNG and SVG painters draw the same scene.

use super::palette::Rgba;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// One line of text; `x` is where `anchor` sits, `baseline` the text's baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub text: String,
    pub x: f32,
    pub baseline: f32,
    /// The em size in pixels.
    pub size: f32,
    pub bold: bool,
    pub anchor: Anchor,
    pub color: Rgba,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A filled rectangle from (x0, y0) to (x1, y1).
    Rect {
        x0: f32,
        y0: f32,
        x1: f32,
        y1: f32,
        color: Rgba,
    },
    /// An open polyline.
    Path {
        points: Vec<(f32, f32)>,
        width: f32,
        color: Rgba,
    },
    /// A filled polygon.
    Polygon {
        points: Vec<(f32, f32)>,
        color: Rgba,
    },
    /// A filled circle.
    Circle {
        x: f32,
        y: f32,
        r: f32,
        color: Rgba,
    },
    Text(Text),
}

pub struct Scene {
    pub width: u32,
    pub height: u32,
    pub background: Rgba,
    /// In drawing order; the painters draw text last, above every shape.
    pub shapes: Vec<Shape>,
}

impl Scene {
    pub fn texts(&self) -> impl Iterator<Item = &Text> {
        self.shapes.iter().filter_map(|s| match s {
            Shape::Text(t) => Some(t),
            _ => None,
        })
    }
}

/// Splits a polyline into dashes of `on` pixels with `off` gaps, for dashed series.
pub fn dashes(points: &[(f32, f32)], on: f32, off: f32) -> Vec<Vec<(f32, f32)>> {
    let mut out = Vec::new();
    let mut current: Vec<(f32, f32)> = Vec::new();
    let mut drawing = true;
    let mut left = on;
    for pair in points.windows(2) {
        let ((mut x, mut y), (x1, y1)) = (pair[0], pair[1]);
        if drawing && current.is_empty() {
            current.push((x, y));
        }
        let mut length = ((x1 - x).powi(2) + (y1 - y).powi(2)).sqrt();
        while length > left {
            let t = left / length;
            (x, y) = (x + (x1 - x) * t, y + (y1 - y) * t);
            length -= left;
            if drawing {
                current.push((x, y));
                out.push(std::mem::take(&mut current));
            } else {
                current.push((x, y));
            }
            drawing = !drawing;
            left = if drawing { on } else { off };
        }
        left -= length;
        if drawing {
            current.push((x1, y1));
        }
    }
    if drawing && current.len() > 1 {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes_alternate_along_the_whole_line() {
        let dashes = dashes(&[(0.0, 0.0), (25.0, 0.0), (25.0, 10.0)], 10.0, 5.0);
        let spans: Vec<_> = dashes.iter().map(|d| (d[0], *d.last().unwrap())).collect();
        assert_eq!(
            spans,
            vec![
                ((0.0, 0.0), (10.0, 0.0)),
                ((15.0, 0.0), (25.0, 0.0)),
                ((25.0, 5.0), (25.0, 10.0)),
            ]
        );
    }
}
