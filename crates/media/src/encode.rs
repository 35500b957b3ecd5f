//! Pixels in, files out: resizing (fast_image_resize, Lanczos 3 like ImageMagick's default for
//! shrinking) and the encoders (optimised JPEG by jpeg-encoder, libwebp, PNG). None of the
//! files written here carries metadata.

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::DynamicImage;
use masthead_store::{Result, StoreError};

/// 8-bit RGB, or RGBA when the picture has transparent parts.
#[derive(Clone)]
pub(crate) struct Pixels {
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) alpha: bool,
    pub(crate) data: Vec<u8>,
}

impl Pixels {
    pub(crate) fn from_image(image: &DynamicImage) -> Pixels {
        let (width, height) = (image.width(), image.height());
        if image.color().has_alpha() {
            let rgba = image.to_rgba8();
            if rgba.pixels().any(|p| p[3] < 255) {
                return Pixels { width, height, alpha: true, data: rgba.into_raw() };
            }
        }
        Pixels { width, height, alpha: false, data: image.to_rgb8().into_raw() }
    }

    pub(crate) fn from_rgba(width: u32, height: u32, data: Vec<u8>) -> Pixels {
        Pixels { width, height, alpha: true, data }
    }

    /// Drops the alpha channel (for pictures drawn on an opaque background).
    pub(crate) fn opaque(self) -> Pixels {
        if !self.alpha {
            return self;
        }
        let data = self.data.chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
        Pixels { alpha: false, data, ..self }
    }

    fn pixel_type(&self) -> PixelType {
        if self.alpha { PixelType::U8x4 } else { PixelType::U8x3 }
    }
}

fn failed(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(format!("A smaller copy of this image could not be made ({what}: {e})."))
}

pub(crate) fn resize(src: &Pixels, width: u32, height: u32) -> Result<Pixels> {
    let source = ImageRef::new(src.width, src.height, &src.data, src.pixel_type()).map_err(|e| failed("resize", e))?;
    let mut target = Image::new(width, height, src.pixel_type());
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    Resizer::new().resize(&source, &mut target, &options).map_err(|e| failed("resize", e))?;
    Ok(Pixels { width, height, alpha: src.alpha, data: target.into_vec() })
}

pub(crate) fn encode_jpeg(p: &Pixels, quality: u8) -> Result<Vec<u8>> {
    let p = if p.alpha { &p.clone().opaque() } else { p };
    let (w, h) = (side(p.width)?, side(p.height)?);
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality);
    // Interleaved baseline with the standard Huffman tables. This encoder's optimised tables
    // (about 6% smaller, bench/media.sh) come only as one scan per component, which the
    // `image` crate's decoder (zune-jpeg 0.5.15) turns green (zune-image#422), so a variant
    // downloaded from the site and uploaded again would be spoilt; its progressive mode is
    // larger still (about 9%).
    // 4:2:0 like every web JPEG, averaged as libjpeg does (picking one pixel makes noisier,
    // larger files).
    encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::F_2_2);
    encoder.set_chroma_subsampling_method(jpeg_encoder::ChromaSubsamplingMethod::Average);
    encoder.encode(&p.data, w, h, jpeg_encoder::ColorType::Rgb).map_err(|e| failed("JPEG", e))?;
    Ok(out)
}

fn side(n: u32) -> Result<u16> {
    u16::try_from(n).map_err(|_| failed("JPEG", "wider than 65,535 pixels"))
}

pub(crate) fn encode_webp(p: &Pixels, quality: u8) -> Result<Vec<u8>> {
    let encoder = if p.alpha {
        webp::Encoder::from_rgba(&p.data, p.width, p.height)
    } else {
        webp::Encoder::from_rgb(&p.data, p.width, p.height)
    };
    let mut config = webp::WebPConfig::new().map_err(|_| failed("WebP", "no encoder configuration"))?;
    config.quality = f32::from(quality);
    config.method = 4;
    let memory = encoder.encode_advanced(&config).map_err(|e| failed("WebP", format!("{e:?}")))?;
    Ok(memory.to_vec())
}

pub(crate) fn encode_png(p: &Pixels) -> Result<Vec<u8>> {
    use image::ImageEncoder;
    let color = if p.alpha { image::ExtendedColorType::Rgba8 } else { image::ExtendedColorType::Rgb8 };
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(&p.data, p.width, p.height, color)
        .map_err(|e| failed("PNG", e))?;
    Ok(out)
}
