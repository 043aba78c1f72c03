export default function checkTestDatabase(): void;
