import './media.css';

/** An image an agent sent, served by the desk itself (not a link from the public): shown inline. */
export function DeskImage({ url }: { url: string }) {
  return (
    <a href={url} target="_blank" rel="noopener noreferrer" data-testid="desk-image">
      <img className="message-image" src={url} alt="Image sent by the desk" />
    </a>
  );
}
