/**
 * A text body as a byte stream pulled by the client (exports, report
 * copies): one chunk is read from the database per pull, so memory stays
 * flat whatever the size, and a client that goes away stops the reading
 * (the generator's `finally` runs).
 */
export function textStream(
  body: AsyncGenerator<string, void, undefined>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await body.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await body.return(undefined);
    },
  }, { highWaterMark: 1 });
}
