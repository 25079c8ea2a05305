// Scanning the booth's QR code with the phone's camera: frames from getUserMedia drawn to a canvas and decoded with
// jsQR a few times a second. The camera's picture never leaves the device; the decoded text is handed to the page,
// which accepts it only as a verification link (parseVerificationLink).
import jsQR from 'jsqr';

export interface Scanner {
  stop(): void;
}

export type ScanFailure = 'denied' | 'no-camera' | 'unsupported';

export class ScanError extends Error {
  constructor(readonly reason: ScanFailure) {
    super(`the camera cannot be used: ${reason}`);
    this.name = 'ScanError';
  }
}

/** Frames a second to decode: enough to feel instant, little enough for an old phone. */
const SCANS_PER_SECOND = 5;

/**
 * Shows the camera in `video` and calls `onText` with the text of each QR code seen, until stop(). Rejects with a
 * ScanError when there is no camera or the voter refuses it.
 */
export async function startScanner(video: HTMLVideoElement, onText: (text: string) => void): Promise<Scanner> {
  if (!navigator.mediaDevices?.getUserMedia) throw new ScanError('unsupported');
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
  } catch (error) {
    const name = (error as DOMException).name;
    throw new ScanError(name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'no-camera');
  }
  video.srcObject = stream;
  video.muted = true;
  video.setAttribute('playsinline', '');
  await video.play().catch(() => undefined);
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  let stopped = false;
  const timer = window.setInterval(() => {
    if (stopped || !context || video.videoWidth === 0) return;
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    const found = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
    if (found?.data) onText(found.data);
  }, 1000 / SCANS_PER_SECOND);
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      window.clearInterval(timer);
      for (const track of stream.getTracks()) track.stop();
      video.srcObject = null;
    },
  };
}
