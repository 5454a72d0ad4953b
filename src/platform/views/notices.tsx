/** The success message (role=status) and the refusal notice (role=alert) at the top of a back-office page. */
export function Notices({ message, notice }: { message?: string | undefined; notice?: string | undefined }) {
  return (
    <>
      {message ? (
        <div class="notice ok" role="status">
          {message}
        </div>
      ) : null}
      {notice ? (
        <div class="notice err" role="alert">
          {notice}
        </div>
      ) : null}
    </>
  );
}
